// Product listing: sorting and page size apply as soon as they are chosen, and empty filter fields
// stay out of the address. Without this script the Update and Apply buttons do the same.
(() => {
  var form = document.getElementById('listing-filters');
  if (!form) return;
  Array.prototype.forEach.call(document.querySelectorAll('[data-autosubmit-button]'), (button) => {
    button.hidden = true;
  });
  Array.prototype.forEach.call(document.querySelectorAll('select[data-autosubmit]'), (select) => {
    select.addEventListener('change', () => {
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    });
  });
  form.addEventListener('submit', () => {
    Array.prototype.forEach.call(form.elements, (field) => {
      if (field.name && field.type !== 'checkbox' && field.type !== 'submit' && field.value === '') field.disabled = true;
    });
  });
  // Back from the next page, the fields must be usable again.
  window.addEventListener('pageshow', () => {
    Array.prototype.forEach.call(form.elements, (field) => {
      field.disabled = false;
    });
  });
})();

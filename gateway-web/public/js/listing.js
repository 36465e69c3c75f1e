// Product listing: sorting and page size apply as soon as they are chosen, and empty filter fields
// stay out of the address. Without this script the Update and Apply buttons do the same.
(function () {
  'use strict';
  var form = document.getElementById('listing-filters');
  if (!form) return;
  Array.prototype.forEach.call(document.querySelectorAll('[data-autosubmit-button]'), function (button) {
    button.hidden = true;
  });
  Array.prototype.forEach.call(document.querySelectorAll('select[data-autosubmit]'), function (select) {
    select.addEventListener('change', function () {
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    });
  });
  form.addEventListener('submit', function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.type !== 'checkbox' && field.type !== 'submit' && field.value === '') field.disabled = true;
    });
  });
  // Back from the next page, the fields must be usable again.
  window.addEventListener('pageshow', function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      field.disabled = false;
    });
  });
})();

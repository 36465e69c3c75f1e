// Product gallery: a thumbnail shows its image large in place. Without this script each thumbnail
// is a link that reloads the page with that image large.
(() => {
  var main = document.querySelector('[data-gallery-main]');
  if (!main) return;
  var thumbs = Array.prototype.slice.call(document.querySelectorAll('.gallery-thumb'));
  thumbs.forEach((link) => {
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      main.src = link.getAttribute('data-full');
      main.alt = link.getAttribute('data-alt');
      main.width = Number(link.getAttribute('data-width'));
      main.height = Number(link.getAttribute('data-height'));
      thumbs.forEach((other) => {
        if (other === link) other.setAttribute('aria-current', 'true');
        else other.removeAttribute('aria-current');
      });
      // The address names the image shown, so a shared link shows it too.
      if (window.history && history.replaceState) history.replaceState(null, '', link.pathname + link.search);
    });
  });
})();

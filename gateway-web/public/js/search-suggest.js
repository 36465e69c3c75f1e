// The header search box as a combobox with product suggestions (the WAI-ARIA 1.2 combobox
// pattern: the input keeps focus, arrow keys move through a listbox of links, Escape closes it).
// Without this script the box is a plain search form, which keeps working as it is.
(() => {
  var input = document.getElementById('site-search');
  if (!input?.form || !window.fetch || !window.AbortController) return;
  var endpoint = input.getAttribute('data-suggest');
  var form = input.form;
  var DELAY_MS = 150;
  var MIN_CHARS = 2;

  var listbox = document.createElement('div');
  listbox.id = 'site-search-suggestions';
  listbox.className = 'search-suggestions';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Product suggestions');
  listbox.hidden = true;
  // A live region without role="status", which the shop keeps for its own messages.
  var status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('aria-atomic', 'true');
  form.appendChild(listbox);
  form.appendChild(status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  var cache = new Map();
  var timer = 0;
  var controller = null;
  var options = [];
  var active = -1;

  function price(amount) {
    var parts = String(amount).split('.');
    return `$${parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(`${parts[1] || ''}00`).slice(0, 2)}`;
  }

  function thumb(url) {
    if (!url) return '/static/img/placeholder.svg';
    return url.indexOf('/images/') === 0 && url.indexOf('?') === -1 ? `${url}?size=thumb` : url;
  }

  function setActive(index) {
    if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function close() {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function open() {
    if (!options.length) return;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function option(href, id) {
    var a = document.createElement('a');
    a.href = href;
    a.id = id;
    a.className = 'search-suggestion';
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    a.tabIndex = -1;
    return a;
  }

  function render(items, q) {
    listbox.textContent = '';
    options = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
    items.forEach((item, i) => {
      var a = option(`/products/${encodeURIComponent(item.slug)}`, `site-search-option-${i}`);
      var img = document.createElement('img');
      img.src = thumb(item.image_url);
      img.alt = '';
      img.width = 40;
      img.height = 40;
      img.decoding = 'async';
      var name = document.createElement('span');
      name.className = 'search-suggestion-name';
      name.textContent = item.name;
      var cost = document.createElement('span');
      cost.className = 'search-suggestion-price';
      cost.textContent = price(item.price);
      a.append(img, name, cost);
      listbox.appendChild(a);
      options.push(a);
    });
    // The last option runs the search itself, as the button would.
    var all = option(`/products?q=${encodeURIComponent(q)}`, 'site-search-option-all');
    all.classList.add('search-suggestion-all');
    all.textContent = items.length ? `See all results for “${q}”` : `No suggestions: search for “${q}”`;
    listbox.appendChild(all);
    options.push(all);
    status.textContent = items.length
      ? `${items.length + (items.length === 1 ? ' suggestion' : ' suggestions')}: use the arrow keys to browse.`
      : 'No suggestions.';
    open();
  }

  function load(q) {
    var key = q.toLowerCase();
    if (cache.has(key)) return render(cache.get(key), q);
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(`${endpoint}?q=${encodeURIComponent(q)}`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: controller.signal,
    })
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error('suggestions unavailable'))))
      .then((body) => {
        var items = Array.isArray(body.items) ? body.items : [];
        cache.set(key, items);
        if (input.value.trim() === q && document.activeElement === input) render(items, q);
      })
      .catch(() => {
        // Aborted for newer text, or the catalog is away: the search button still works.
      });
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < MIN_CHARS) {
      if (controller) controller.abort();
      close();
      return;
    }
    timer = window.setTimeout(() => {
      load(q);
    }, DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    var expanded = !listbox.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (!options.length) return;
        event.preventDefault();
        if (!expanded) open();
        setActive(active + 1 >= options.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        if (!options.length) return;
        event.preventDefault();
        if (!expanded) open();
        setActive(active <= 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter':
        if (expanded && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].href);
        }
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = '';
        }
        break;
      case 'Tab':
        close();
        break;
    }
  });

  // A press on a suggestion must not blur the input before the click lands.
  listbox.addEventListener('mousedown', (event) => {
    event.preventDefault();
  });
  input.addEventListener('blur', () => {
    close();
  });
  input.addEventListener('focus', () => {
    if (options.length && input.value.trim().length >= MIN_CHARS) open();
  });
  form.addEventListener('submit', close);
})();

// Admin product list: a box that ticks every product on the page, and a count of the ticked ones.
// Without this script each product is ticked on its own.
(() => {
  var all = document.getElementById('select-all');
  var label = document.getElementById('bulk-count');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.bulk-check'));
  if (!all || !boxes.length) return;
  var text = label ? label.textContent : '';
  function update() {
    var ticked = boxes.filter((b) => b.checked).length;
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
    if (label) label.textContent = ticked ? `With the ${ticked} ticked ${ticked === 1 ? 'product:' : 'products:'}` : text;
  }
  all.hidden = false;
  all.addEventListener('change', () => {
    boxes.forEach((b) => {
      b.checked = all.checked;
    });
    update();
  });
  boxes.forEach((b) => {
    b.addEventListener('change', update);
  });
  update();
})();

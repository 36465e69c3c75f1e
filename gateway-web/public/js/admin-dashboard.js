// The admin dashboard's charts, drawn with Chart.js from the figures the page carries in its
// #dashboard-charts JSON block. Without this script (or Chart.js) the tables show the same figures.
(() => {
  var data = document.getElementById('dashboard-charts');
  if (!data || typeof window.Chart !== 'function') return;
  var charts = JSON.parse(data.textContent || '{}');
  var palette = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#64748b', '#ec4899'];
  var reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

  Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), (canvas) => {
    var spec = charts[canvas.getAttribute('data-chart')];
    if (!spec) return;
    var round = spec.type === 'doughnut';
    var datasets = spec.datasets.map((set, i) => {
      var colour = palette[i % palette.length];
      return {
        label: set.label,
        data: set.data,
        type: set.type,
        yAxisID: set.axis,
        backgroundColor: round ? palette : set.type === 'line' ? colour : `${colour}cc`,
        borderColor: round ? '#fff' : colour,
        borderWidth: set.type === 'line' ? 2 : 1,
        tension: 0.25,
        pointRadius: 0,
      };
    });
    var scales = {};
    if (!round) {
      if (spec.horizontal) scales = { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } };
      else scales = { y: { beginAtZero: true, position: 'left' } };
      if (spec.datasets.some((set) => set.axis === 'y2'))
        scales.y2 = { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } };
    }
    canvas.parentElement.hidden = false;
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: reduced ? false : undefined,
        interaction: { mode: round ? 'nearest' : 'index', intersect: round },
        plugins: { legend: { display: round || spec.datasets.length > 1, position: 'bottom' } },
        scales: scales,
      },
    });
  });
})();

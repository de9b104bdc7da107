/// The script of a flight drawing: hovering any time panel or the track moves a cursor through every
/// panel of that flight and shows that step's values. `attachFlight(root, data)` wires the panels
/// under `root` to one flight's data object; it needs no network.
enum FlightPageScript {
    static let text = #"""
function attachFlight(root, D) {
  var n = D.t.length, tip = document.getElementById('tip');
  function fmt(v, d) { return (v === null || v === undefined) ? '–' : Number(v).toFixed(d); }
  var names = ['DOWN', 'STAY', 'UP'];
  function show(i, ev, extra) {
    if (i < 0 || i >= n) return;
    var charts = root.querySelectorAll('svg.timechart');
    for (var c = 0; c < charts.length; c++) {
      var s = charts[c], l = +s.dataset.left, r = +s.dataset.right, h = +s.dataset.hours;
      var x = l + (r - l) * D.t[i] / h, cur = s.querySelector('.cursor');
      cur.setAttribute('x1', x); cur.setAttribute('x2', x);
    }
    var tr = root.querySelector('svg.track');
    if (tr) {
      var half = +tr.dataset.half, m = +tr.dataset.margin, size = +tr.dataset.size;
      var px = m + (D.x[i] + half) / (2 * half) * (size - 20 - m);
      var py = (size - m) - (D.y[i] + half) / (2 * half) * (size - m - 20);
      var k = tr.querySelector('.track-cursor'); k.setAttribute('cx', px); k.setAttribute('cy', py);
    }
    var rows = ['step ' + (i + 1) + ' · ' + fmt(D.t[i], 2) + ' h',
      'x ' + fmt(D.x[i], 1) + ' km, y ' + fmt(D.y[i], 1) + ' km · distance ' + fmt(D.d[i], 1) + ' km',
      'pressure ' + fmt(D.p[i], 0) + ' Pa' + (D.alt ? ' · altitude ' + fmt(D.alt[i], 2) + ' km' : '') +
        ' · superpressure ' + fmt(D.sp[i], 0) + ' Pa',
      'battery ' + fmt(D.soc[i], 1) + ' %' + (D.solar ? ' · solar ' + fmt(D.solar[i], 0) + ' W · pump ' + fmt(D.acs[i], 0) + ' W' : '')];
    if (D.a) rows.push('action ' + (names[D.a[i]] || D.a[i]) + ' → effective ' + (names[D.e[i]] || D.e[i]) +
      (D.a[i] !== D.e[i] ? ' (safety layer)' : ''));
    if (D.seed !== undefined) rows.unshift('seed ' + D.seed);
    if (D.wu) rows.push('wind applied ' + fmt(D.wu[i], 1) + ', ' + fmt(D.wv[i], 1) + ' m/s (east, north)');
    if (extra) rows.push(extra);
    tip.textContent = '';
    for (var j = 0; j < rows.length; j++) { var div = document.createElement('div'); div.textContent = rows[j]; tip.appendChild(div); }
    tip.style.display = 'block';
    if (!ev) { tip.style.right = '16px'; tip.style.top = '16px'; tip.style.left = 'auto'; return; }
    tip.style.right = 'auto';
    var left = ev.clientX + 16, top = ev.clientY + 16;
    if (left + tip.offsetWidth > window.innerWidth - 8) left = ev.clientX - tip.offsetWidth - 16;
    if (top + tip.offsetHeight > window.innerHeight - 8) top = ev.clientY - tip.offsetHeight - 16;
    tip.style.left = left + 'px'; tip.style.top = top + 'px';
  }
  function viewPoint(svg, ev) {
    var box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    return [vb.x + (ev.clientX - box.left) / box.width * vb.width, vb.y + (ev.clientY - box.top) / box.height * vb.height];
  }
  function nearestStep(h) {
    var lo = 0, hi = n - 1;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (D.t[mid] < h) lo = mid; else hi = mid; }
    return Math.abs(D.t[lo] - h) <= Math.abs(D.t[hi] - h) ? lo : hi;
  }
  var charts = root.querySelectorAll('svg.timechart');
  for (var c = 0; c < charts.length; c++) {
    charts[c].addEventListener('mousemove', function (ev) {
      var s = ev.currentTarget, p = viewPoint(s, ev), l = +s.dataset.left, r = +s.dataset.right, h = +s.dataset.hours;
      var i = nearestStep(Math.min(Math.max((p[0] - l) / (r - l), 0), 1) * h), extra = null;
      var scale = s.querySelector('.column-scale');
      if (scale && D.levels) {
        var top = +scale.dataset.top, bottom = +scale.dataset.bottom, low = +scale.dataset.low, high = +scale.dataset.high;
        var pressure = low + (p[1] - top) / (bottom - top) * (high - low), best = 0;
        for (var k = 1; k < D.levels.length; k++) if (Math.abs(D.levels[k] - pressure) < Math.abs(D.levels[best] - pressure)) best = k;
        if (p[1] >= top && p[1] <= bottom && D.home[i]) {
          var cos = D.home[i][best] / 100, word = cos > 0.33 ? 'blows home' : cos < -0.33 ? 'blows away' : 'blows across';
          extra = 'wind at ' + D.levels[best] + ' Pa: ' + fmt(D.speed[i][best], 1) + ' m/s, ' + word + ' (cos ' + fmt(cos, 2) + ')';
        }
      }
      show(i, ev, extra);
    });
    charts[c].addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  }
  var tr = root.querySelector('svg.track');
  if (tr) {
    tr.addEventListener('mousemove', function (ev) {
      var p = viewPoint(tr, ev), half = +tr.dataset.half, m = +tr.dataset.margin, size = +tr.dataset.size;
      var x = (p[0] - m) / (size - 20 - m) * 2 * half - half, y = ((size - m) - p[1]) / (size - m - 20) * 2 * half - half;
      var best = 0, bd = Infinity;
      for (var i = 0; i < n; i++) { var dx = D.x[i] - x, dy = D.y[i] - y, dd = dx * dx + dy * dy; if (dd < bd) { bd = dd; best = i; } }
      show(best, ev, null);
    });
    tr.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  }
  return show;
}

"""#
}

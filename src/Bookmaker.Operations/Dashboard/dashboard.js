// The live dashboard: draws the control plane's snapshots as they stream in (/api/v1/stream, Server-Sent Events)
// and posts operator actions with the token the operator typed (kept in sessionStorage only, sent as a Bearer token).
// Every venue-provided string reaches the page through textContent, never as HTML.
(function () {
  'use strict';
  var LC = window.LightweightCharts;
  var TOKEN_KEY = 'bookmaker.token';
  var charts = {};      // market -> { chart, mid, bid, ask, fills, last }
  var seenFills = {};   // market -> count of fills already marked
  var rtChart = null;
  var rtLast = 0;
  // A tab left open for days must not grow without bound: each series keeps its last MAX_POINTS points.
  var MAX_POINTS = 3600;

  function $(id) { return document.getElementById(id); }
  function text(el, value) { el.textContent = value === null || value === undefined ? '–' : String(value); }
  function cell(tr, value, cls) { var td = document.createElement('td'); text(td, value); if (cls) td.className = cls; tr.appendChild(td); return td; }
  function fixed(v, n) { return v === null || v === undefined ? '–' : Number(v).toFixed(n); }
  // Lightweight Charts wants strictly increasing UTC seconds per series.
  function seconds(iso) { return Math.floor(Date.parse(iso) / 1000); }

  function newChart(el, height) {
    return LC.createChart(el, {
      width: el.clientWidth || 400, height: height || 220,
      layout: { background: { color: '#ffffff' }, textColor: '#333', attributionLogo: true },
      grid: { vertLines: { color: '#f0f0f0' }, horzLines: { color: '#f0f0f0' } },
      timeScale: { timeVisible: true, secondsVisible: true },
      rightPriceScale: { borderVisible: false },
    });
  }

  // Appends a point to a series and its bounded local copy; past the bound, the series is redrawn from the copy.
  function push(series, points, point) {
    points.push(point);
    if (points.length > MAX_POINTS) { points.splice(0, points.length - MAX_POINTS); series.setData(points); }
    else series.update(point);
  }

  function status(s) {
    text($('mode'), s.mode);
    var st = $('state');
    text(st, s.state);
    st.className = 'state ' + s.state;
  }

  function pnl(s) {
    var body = $('pnl').tBodies[0];
    body.replaceChildren();
    [['realized', s.pnl.realized], ['unrealized', s.pnl.unrealized], ['fees', -s.pnl.fees], ['rebates', s.pnl.rebates], ['funding', s.pnl.funding], ['net', s.pnl.net], ['equity', s.pnl.equity], ['daily P&L', s.daily_pnl]]
      .forEach(function (row) { var tr = document.createElement('tr'); cell(tr, row[0]); cell(tr, fixed(row[1], 4)); body.appendChild(tr); });
    var used = s.daily_loss_used_ratio || 0;
    text($('daily-loss-text'), (used * 100).toFixed(1) + '% of ' + s.daily_loss_limit);
    $('daily-loss').firstElementChild.style.width = (used * 100).toFixed(1) + '%';
    $('daily-loss').className = used >= 0.8 ? 'bar over' : 'bar';
  }

  function inventory(s) {
    var body = $('inventory').tBodies[0];
    body.replaceChildren();
    s.markets.forEach(function (m) {
      var tr = document.createElement('tr');
      var used = m.max_position > 0 ? Math.abs(m.position) / m.max_position : 0;
      cell(tr, m.market); cell(tr, m.position); cell(tr, m.max_position); cell(tr, (used * 100).toFixed(1) + '%', used >= 0.8 ? 'ask' : '');
      body.appendChild(tr);
    });
  }

  function alerts(list) {
    var ul = $('alerts');
    ul.replaceChildren();
    if (list.length === 0) { var none = document.createElement('li'); none.textContent = 'none active'; ul.appendChild(none); }
    list.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 'alert ' + a.severity + (a.acknowledged_by ? ' acked' : '');
      li.textContent = a.severity + ' ' + a.code + (a.key ? ' [' + a.key + ']' : '') + ': ' + a.message + ' ';
      if (a.acknowledged_by) {
        var by = document.createElement('span');
        by.textContent = '(acknowledged by ' + a.acknowledged_by + ')';
        li.appendChild(by);
      } else {
        var b = document.createElement('button');
        b.textContent = 'Acknowledge';
        b.className = 'ack';
        b.addEventListener('click', function () { act('alerts/' + encodeURIComponent(a.code) + '/ack', { key: a.key }); });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
  }

  function venues(s) {
    var body = $('venues').tBodies[0];
    body.replaceChildren();
    s.venues.forEach(function (v) {
      var tr = document.createElement('tr');
      cell(tr, v.venue); cell(tr, v.live ? 'yes' : 'NO', v.live ? 'bid' : 'ask'); cell(tr, v.mode + (v.session_lost ? ', session lost' : '')); cell(tr, '');
      body.appendChild(tr);
      v.markets.forEach(function (m) {
        var r = document.createElement('tr');
        cell(r, '  ' + m.market); cell(r, m.stale ? 'STALE' : 'ok', m.stale ? 'ask' : 'bid'); cell(r, ''); cell(r, fixed(m.age_seconds, 1));
        body.appendChild(r);
      });
    });
    text($('journal'), s.journal.writable ? 'writable, backlog ' + s.journal.backlog : 'FAULTED: ' + s.journal.fault);
    text($('loop-lag'), fixed(s.loop_lag_seconds, 3));
    text($('submitted'), s.orders.submitted); text($('fills'), s.orders.fills); text($('cancelled'), s.orders.cancelled); text($('rejected'), s.orders.rejected);
  }

  function roundTrip(s) {
    var rt = s.round_trip;
    if (!rt) { text($('round-trip-p95'), 'not tracked'); return; }
    text($('round-trip-p95'), rt.p95_seconds === null ? 'no samples' : (rt.p95_seconds * 1000).toFixed(0) + ' ms' + (rt.breached ? ' (SLA BROKEN)' : ''));
    text($('round-trip-limit'), (rt.limit_seconds * 1000).toFixed(0) + ' ms');
    if (!rtChart) {
      var c = newChart($('chart-round-trip'), 200);
      rtChart = { chart: c, points: [], p95: c.addSeries(LC.LineSeries, { color: '#1976d2', title: 'p95 ms', lineWidth: 2 }) };
      rtChart.p95.createPriceLine({ price: rt.limit_seconds * 1000, color: '#c62828', lineWidth: 2, lineStyle: 2, axisLabelVisible: true, title: 'SLA' });
    }
    var t = seconds(s.wall_time);
    if (rt.p95_seconds !== null && t > rtLast) { push(rtChart.p95, rtChart.points, { time: t, value: rt.p95_seconds * 1000 }); rtLast = t; }
  }

  function marketCard(m) {
    var section = document.createElement('section');
    section.className = 'market';
    section.dataset.market = m.market;
    var h = document.createElement('h2'); h.textContent = m.venue + ' · ' + m.market; section.appendChild(h);
    var chartEl = document.createElement('div'); chartEl.className = 'chart'; section.appendChild(chartEl);
    var ladder = document.createElement('table'); ladder.className = 'ladder';
    ladder.appendChild(document.createElement('tbody')); section.appendChild(ladder);
    $('markets').appendChild(section);
    var c = newChart(chartEl);
    var entry = {
      section: section, ladder: ladder, chart: c, last: 0, points: 0, times: [], midPoints: [], bidPoints: [], askPoints: [],
      mid: c.addSeries(LC.LineSeries, { color: '#555', title: 'mid', lineWidth: 2 }),
      bid: c.addSeries(LC.LineSeries, { color: '#2e7d32', title: 'our bid', lineWidth: 1 }),
      ask: c.addSeries(LC.LineSeries, { color: '#c62828', title: 'our ask', lineWidth: 1 }),
      markers: [],
    };
    entry.fillMarks = LC.createSeriesMarkers(entry.mid, []);
    charts[m.market] = entry;
    return entry;
  }

  function market(m, s) {
    var e = charts[m.market] || marketCard(m);
    var ours = s.open_orders.filter(function (o) { return o.market === m.market; });
    var t = seconds(s.engine_time);
    if (t > e.last) {
      e.last = t;
      if (m.mid !== null) { push(e.mid, e.midPoints, { time: t, value: m.mid }); e.points++; e.times = e.midPoints; }
      var bids = ours.filter(function (o) { return o.side === 'Buy'; }).map(function (o) { return o.price; });
      var asks = ours.filter(function (o) { return o.side === 'Sell'; }).map(function (o) { return o.price; });
      push(e.bid, e.bidPoints, bids.length ? { time: t, value: Math.max.apply(null, bids) } : { time: t });
      push(e.ask, e.askPoints, asks.length ? { time: t, value: Math.min.apply(null, asks) } : { time: t });
      e.section.dataset.points = String(e.points);
    }
    fills(e, m.market, s.fills);
    ladder(e, m, ours);
  }

  function fills(e, name, all) {
    var mine = all.filter(function (f) { return f.market === name; });
    var added = false;
    mine.forEach(function (f) {
      var key = f.time + f.side + f.price + f.size;
      if (e.markers.some(function (x) { return x.id === key; })) return;
      // A marker sits on a point of the mid series: the last one at or before the fill (the first one if none is).
      if (e.times.length === 0) return;
      var ft = seconds(f.time), t = e.times[0].time;
      for (var i = e.times.length - 1; i >= 0; i--) { if (e.times[i].time <= ft) { t = e.times[i].time; break; } }
      e.markers.push({ id: key, time: t, position: f.side === 'Buy' ? 'belowBar' : 'aboveBar', color: f.side === 'Buy' ? '#2e7d32' : '#c62828', shape: f.side === 'Buy' ? 'arrowUp' : 'arrowDown', text: f.side + ' ' + f.size + ' @ ' + f.price });
      added = true;
    });
    if (added) {
      e.markers.sort(function (a, b) { return a.time - b.time; });
      // Markers older than the plotted window have no point to sit on.
      var first = e.times[0].time;
      e.markers = e.markers.filter(function (x) { return x.time >= first; }).slice(-50);
      e.fillMarks.setMarkers(e.markers);
      e.section.dataset.fills = String(e.markers.length);
    }
  }

  function ladder(e, m, ours) {
    var body = e.ladder.tBodies[0];
    body.replaceChildren();
    function row(level, side) {
      var tr = document.createElement('tr');
      var mine = ours.filter(function (o) { return o.price === level.price && o.side === (side === 'bid' ? 'Buy' : 'Sell'); });
      var size = mine.reduce(function (sum, o) { return sum + o.size - o.filled; }, 0);
      cell(tr, side); cell(tr, level.price, side); cell(tr, level.size); cell(tr, mine.length ? 'ours ' + size : '');
      if (mine.length) tr.className = 'ours';
      body.appendChild(tr);
    }
    m.asks.slice().reverse().forEach(function (l) { row(l, 'ask'); });
    m.bids.forEach(function (l) { row(l, 'bid'); });
  }

  function snapshot(s) {
    text($('engine-time'), s.engine_time);
    text($('sequence'), s.sequence);
    pnl(s); inventory(s); alerts(s.alerts); venues(s); roundTrip(s);
    s.markets.forEach(function (m) { market(m, s); });
  }

  function result(message, ok) {
    var el = $('action-result');
    el.textContent = message;
    el.className = ok ? 'ok' : 'error';
  }

  function act(path, body) {
    var token = $('token').value;
    if (!token) { result('enter the operator token (Http:Token) first', false); return; }
    sessionStorage.setItem(TOKEN_KEY, token);
    fetch('/api/v1/' + path, { method: 'POST', headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' }, body: JSON.stringify(Object.assign({ actor: 'dashboard' }, body || {})) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; }, function () { return { ok: r.ok, status: r.status, body: {} }; }); })
      .then(function (r) { result(r.ok ? path + ': ' + (r.body.detail || 'done') + (r.body.state ? ' (' + r.body.state + ')' : '') : path + ' refused (' + r.status + '): ' + (r.body.error || r.body.detail || 'error'), r.ok); })
      .catch(function (e) { result(path + ' failed: ' + e, false); });
  }

  $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
  $('halt').addEventListener('click', function () { act('halt'); });
  $('resume').addEventListener('click', function () { if (confirm('Resume trading?')) act('resume', { confirm: true }); });
  $('cancel-all').addEventListener('click', function () { act('cancel-all'); });

  fetch('/api/v1/status').then(function (r) { return r.json(); }).then(status, function () { });
  var stream = new EventSource('/api/v1/stream');
  stream.addEventListener('open', function () { text($('stream-state'), 'streaming'); });
  stream.addEventListener('error', function () { text($('stream-state'), 'reconnecting'); });
  stream.addEventListener('status', function (e) { status(JSON.parse(e.data)); });
  stream.addEventListener('snapshot', function (e) { snapshot(JSON.parse(e.data)); });
}());

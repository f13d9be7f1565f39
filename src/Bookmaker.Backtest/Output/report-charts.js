// Draws report.html's charts with TradingView Lightweight Charts (inlined above this script) from the page's own
// copy of result.json (<script type="application/json" id="result">), so every plotted value is a value of the file.
// Each chart container is a <div class="chart" id="chart-..."> that gets data-points (how many values it was given)
// and data-colors (its series' colours) for the report's browser tests; a chart with nothing to plot says so instead.
(function () {
  'use strict';
  var LC = window.LightweightCharts;
  var doc = JSON.parse(document.getElementById('result').textContent);
  var series = doc.series;
  // result.json times are seconds since the run's start; the charts show UTC wall time of the recording.
  var start = Date.parse(doc.run.start.slice(0, 23) + 'Z') / 1000;
  var STATES = ['ACTIVE', 'REDUCING', 'HALTED'];

  function time(seconds) { return Math.round((start + seconds) * 1000) / 1000; }

  function chart(id, options) {
    var el = document.getElementById('chart-' + id);
    var base = {
      width: el.clientWidth || 900,
      height: 260,
      layout: { background: { color: '#ffffff' }, textColor: '#333', attributionLogo: true },
      grid: { vertLines: { color: '#f0f0f0' }, horzLines: { color: '#f0f0f0' } },
      timeScale: { timeVisible: true, secondsVisible: true },
      rightPriceScale: { borderVisible: false },
    };
    var c = LC.createChart(el, Object.assign(base, options || {}));
    return { el: el, chart: c, points: 0, colors: [] };
  }

  function line(ch, color, title, data, extra) {
    var s = ch.chart.addSeries(LC.LineSeries, Object.assign({ color: color, title: title, lineWidth: 2, priceLineVisible: false, lastValueVisible: false }, extra || {}));
    s.setData(data);
    ch.points += data.filter(function (d) { return d.value !== undefined; }).length;
    ch.colors.push(color);
    return s;
  }

  // Points of a series at series.seconds; a null value is a gap (whitespace data), not a zero.
  function points(values) {
    var out = [];
    for (var i = 0; i < series.seconds.length; i++) {
      var v = values[i];
      out.push(v === null || v === undefined ? { time: time(series.seconds[i]) } : { time: time(series.seconds[i]), value: v });
    }
    return out;
  }

  function done(ch) {
    ch.chart.timeScale().fitContent();
    ch.el.setAttribute('data-points', String(ch.points));
    ch.el.setAttribute('data-colors', ch.colors.join(' '));
    // Nothing to plot (e.g. no fill reached a markout horizon): say so on the chart rather than show empty axes.
    if (ch.points === 0) {
      var note = document.createElement('div');
      note.className = 'no-data';
      note.textContent = 'no data';
      ch.el.appendChild(note);
    }
  }

  // Equity with and without fees, drawdown.
  var eq = chart('equity');
  line(eq, '#1f77b4', 'net of fees', points(series.net_pnl));
  line(eq, '#ff7f0e', 'before fees and rebates', points(series.net_pnl_before_fees));
  done(eq);
  var dd = chart('drawdown');
  line(dd, '#d62728', 'drawdown', points(series.drawdown.map(function (v) { return v === null ? null : -v; })));
  done(dd);

  // Per market: the touch, the mid, our quotes and fills; the inventory against its limits.
  series.markets.forEach(function (m, k) {
    var px = chart('price-' + k);
    line(px, '#9e9e9e', 'best bid', points(m.best_bid), { lineWidth: 1 });
    line(px, '#616161', 'best ask', points(m.best_ask), { lineWidth: 1 });
    line(px, '#1f77b4', 'mid', points(m.mid), { lineWidth: 1, lineStyle: 2 });
    line(px, '#2ca02c', 'our bid', points(m.quote_bid), { lineType: 1 });
    line(px, '#d62728', 'our ask', points(m.quote_ask), { lineType: 1 });
    // Fills as markers: one point series per side (a time may repeat across fills; nudge it so times ascend).
    ['buy', 'sell'].forEach(function (side) {
      var last = -Infinity;
      var data = m.fills.filter(function (f) { return f.side === side; }).map(function (f) {
        var t = Math.max(time(f.seconds), last + 0.001);
        last = t;
        return { time: t, value: f.price };
      });
      if (data.length > 0) {
        line(px, side === 'buy' ? '#00a000' : '#c00000', side === 'buy' ? 'our buys' : 'our sells', data,
          { lineVisible: false, pointMarkersVisible: true, pointMarkersRadius: 5 });
      }
    });
    done(px);

    var inv = chart('inventory-' + k);
    line(inv, '#9467bd', 'inventory', points(m.inventory), { lineType: 1 });
    if (m.inventory_limit !== null) {
      var lim = m.inventory_limit;
      line(inv, '#e377c2', '+limit', points(m.inventory.map(function () { return lim; })), { lineWidth: 1, lineStyle: 2 });
      line(inv, '#e377c2', '−limit', points(m.inventory.map(function () { return -lim; })), { lineWidth: 1, lineStyle: 2 });
    }
    done(inv);
  });

  // Risk state as a step line: 0 ACTIVE, 1 REDUCING, 2 HALTED, from each change to the next and on to the end.
  var rs = chart('risk-states');
  var states = series.trading_states.items;
  var end = series.seconds.length > 0 ? series.seconds[series.seconds.length - 1] : 0;
  var stepData = [];
  states.forEach(function (s) {
    var t = time(s.seconds);
    if (stepData.length > 0 && stepData[stepData.length - 1].time >= t) stepData.pop();
    stepData.push({ time: t, value: STATES.indexOf(s.state) });
  });
  if (stepData.length > 0 && time(end) > stepData[stepData.length - 1].time) stepData.push({ time: time(end), value: stepData[stepData.length - 1].value });
  line(rs, '#8c564b', 'trading state', stepData, {
    lineType: 1,
    priceFormat: { type: 'custom', minMove: 1, formatter: function (v) { return STATES[Math.round(v)] || ''; } },
    autoscaleInfoProvider: function () { return { priceRange: { minValue: 0, maxValue: 2 } }; },
  });
  done(rs);

  // Categorical charts (markout horizons, P&L parts) use the time axis as an index, labelled by name.
  function categorical(id, labels) {
    var fmt = function (t) { return labels[Math.round(t) - 1] || ''; };
    return chart(id, { localization: { timeFormatter: fmt }, timeScale: { tickMarkFormatter: fmt, timeVisible: false } });
  }

  var total = doc.market_making.total;
  var mo = categorical('markouts', total.markouts.map(function (h) { return h.horizon_seconds + ' s'; }));
  function markout(f) {
    return total.markouts.map(function (h, i) {
      return h.mean_bps === null ? { time: i + 1 } : { time: i + 1, value: f(h) };
    });
  }
  line(mo, '#2ca02c', 'mean bps', markout(function (h) { return h.mean_bps; }), { pointMarkersVisible: true });
  line(mo, '#98df8a', '+1.96 se', markout(function (h) { return h.stderr_bps === null ? h.mean_bps : h.mean_bps + 1.96 * h.stderr_bps; }), { lineStyle: 2, lineWidth: 1 });
  line(mo, '#98df8a', '−1.96 se', markout(function (h) { return h.stderr_bps === null ? h.mean_bps : h.mean_bps - 1.96 * h.stderr_bps; }), { lineStyle: 2, lineWidth: 1 });
  done(mo);

  // P&L decomposition: spread + inventory − fees + rebates = net (fees drawn as the negative they contribute); where a
  // reward programme is known, the estimated rewards and the net with them follow (null elsewhere: no bar at all).
  var parts = [['spread', total.pnl.spread, '#2ca02c'], ['inventory', total.pnl.inventory, '#1f77b4'], ['fees', -total.pnl.fees, '#d62728'],
    ['rebates', total.pnl.rebates, '#17becf'], ['net', total.pnl.net, '#333333']];
  if (total.pnl.rewards !== null && total.pnl.rewards !== undefined) {
    parts.push(['rewards', total.pnl.rewards, '#bcbd22'], ['net with rewards', total.pnl.net_with_rewards, '#7f7f7f']);
  }
  var pnl = categorical('pnl', parts.map(function (p) { return p[0]; }));
  var bars = pnl.chart.addSeries(LC.HistogramSeries, { priceLineVisible: false, lastValueVisible: false, base: 0 });
  bars.setData(parts.map(function (p, i) { return { time: i + 1, value: p[1], color: p[2] }; }));
  pnl.points = parts.length;
  pnl.colors = parts.filter(function (p) { return p[1] !== 0; }).map(function (p) { return p[2]; });
  done(pnl);

  document.body.setAttribute('data-charts', 'drawn');
})();

/* careport: draws the page's charts with ECharts. Each chart box names
   the JSON block holding its options, which the renderer wrote with
   HTML-safe escaping; the options are data only (no functions): this
   script adds the number formatters the block describes. Tooltips render
   as rich text (renderMode "richText"), never as HTML, so a name in the
   data is drawn as text. Charts draw on a canvas, follow the colour
   scheme, resize with their box and redraw at a fixed width for print. */
(function () {
  'use strict';
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.chart-box[data-chart]'));
  if (boxes.length === 0) {
    return;
  }
  if (typeof window.echarts === 'undefined') {
    boxes.forEach(function (box) {
      box.className += ' chart-missing';
      box.textContent = 'This chart could not be drawn: the chart library (ECharts, loaded from cdn.jsdelivr.net by this page) did not load. The figures are in the tables.';
    });
    return;
  }
  var PRINT_WIDTH = 680;

  // group puts thousands separators into a string of digits.
  function group(digits) {
    var out = '';
    while (digits.length > 3) {
      out = ',' + digits.slice(-3) + out;
      digits = digits.slice(0, -3);
    }
    return digits + out;
  }

  // format writes v as the workbook does: spec.kind is "money" (spec.prefix
  // and spec.suffix around the number), "percent" (v is a ratio), "int" or
  // "number"; digits is the number of decimals (-1: as many as v has).
  function format(spec, v, digits) {
    if (typeof v !== 'number' || !isFinite(v)) {
      return '';
    }
    var x = spec.kind === 'percent' ? v * 100 : v;
    var s = digits < 0 ? String(Math.abs(x)) : Math.abs(x).toFixed(digits);
    if (s.indexOf('e') >= 0) {
      s = Math.abs(x).toFixed(digits < 0 ? 6 : digits);
    }
    var dot = s.indexOf('.');
    var whole = dot < 0 ? s : s.slice(0, dot);
    var frac = dot < 0 ? '' : s.slice(dot);
    if (spec.kind !== 'number') {
      whole = group(whole);
    }
    var neg = x < 0 && Number(s) !== 0;
    return (neg ? '-' : '') + (spec.prefix || '') + whole + frac + (spec.suffix || '') + (spec.kind === 'percent' ? '%' : '');
  }

  // axisDigits is the decimals of an axis label: none for whole numbers,
  // else as few as show the tick.
  function axisDigits(spec, v) {
    var x = spec.kind === 'percent' ? v * 100 : v;
    if (Math.round(x) === x) {
      return 0;
    }
    var s = String(x);
    var dot = s.indexOf('.');
    return dot < 0 ? 0 : Math.min(s.length - dot - 1, 4);
  }

  function list(x) {
    if (!x) {
      return [];
    }
    return Array.isArray(x) ? x : [x];
  }

  function options(box) {
    var block = document.getElementById(box.getAttribute('data-chart'));
    var opt = JSON.parse(block.textContent);
    var meta = opt.careport || {};
    delete opt.careport;
    var value = meta.value || { kind: 'number' };
    list(meta.horizontal ? opt.xAxis : opt.yAxis).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      axis.axisLabel.formatter = function (v) {
        return format(value, v, axisDigits(value, v));
      };
    });
    list(opt.series).forEach(function (s, i) {
      var spec = (meta.series || [])[i] || value;
      s.tooltip = s.tooltip || {};
      s.tooltip.valueFormatter = function (v) {
        return format(spec, Array.isArray(v) ? v[v.length - 1] : v, spec.digits);
      };
    });
    opt.backgroundColor = 'transparent';
    return opt;
  }

  var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var still = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
  var printing = false;
  var charts = [];

  function draw(box) {
    // Canvas, not SVG: zrender's SVG renderer sets style attributes, which
    // the page's Content-Security-Policy refuses. Printed charts are drawn
    // at a fixed width that fits a landscape or portrait page, at three
    // pixels a CSS pixel so that they print sharp.
    var init = printing ? { renderer: 'canvas', devicePixelRatio: 3, width: Math.min(PRINT_WIDTH, box.clientWidth || PRINT_WIDTH) } : { renderer: 'canvas' };
    var chart = window.echarts.init(box, dark && dark.matches && !printing ? 'dark' : null, init);
    var opt = options(box);
    if (printing || (still && still.matches)) {
      opt.animation = false;
    }
    chart.setOption(opt);
    return chart;
  }

  function drawAll() {
    charts.forEach(function (c) {
      c.dispose();
    });
    charts = boxes.map(draw);
  }

  function setPrinting(on) {
    if (printing !== on) {
      printing = on;
      drawAll();
    }
  }

  drawAll();
  if (window.ResizeObserver) {
    var ro = new window.ResizeObserver(function () {
      if (!printing) {
        charts.forEach(function (c) {
          c.resize();
        });
      }
    });
    boxes.forEach(function (box) {
      ro.observe(box);
    });
  } else {
    window.addEventListener('resize', function () {
      charts.forEach(function (c) {
        c.resize();
      });
    });
  }
  if (dark && dark.addEventListener) {
    dark.addEventListener('change', drawAll);
  }
  window.addEventListener('beforeprint', function () {
    setPrinting(true);
  });
  window.addEventListener('afterprint', function () {
    setPrinting(false);
  });
})();

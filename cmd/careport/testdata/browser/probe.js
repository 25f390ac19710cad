// probe.js is evaluated by the browser test (html_browser_test.go) in a
// report's page once it has loaded. It reads what a reader would see: every
// ECharts instance on the page (whether it painted, its series and the texts
// it shows), the page's text, its width against the viewport's, and what the
// page itself asks of the browser (its Content-Security-Policy, its scripts).
// It returns plain JSON; the Go side decides what is wrong.
(() => {
  // painted counts the pixels of a canvas that are not fully transparent,
  // sampled on a grid so that a big canvas costs little.
  const painted = (cv) => {
    if (!cv.width || !cv.height) return 0;
    let data;
    try {
      data = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    } catch (e) {
      return -1; // a tainted canvas: it drew something from elsewhere
    }
    let n = 0;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i] !== 0) n++;
    return n;
  };
  const texts = (v) => (Array.isArray(v) ? v : v == null ? [] : [v]);
  const charts = [];
  for (const el of document.querySelectorAll('[_echarts_instance_]')) {
    const inst = window.echarts && window.echarts.getInstanceByDom(el);
    const c = {
      id: el.id || '',
      width: el.clientWidth,
      height: el.clientHeight,
      instance: !!inst,
      series: 0,
      points: 0,
      seriesNames: [],
      labels: [],
      title: '',
      painted: 0,
      svgShapes: 0,
    };
    for (const cv of el.querySelectorAll('canvas')) c.painted += Math.max(painted(cv), 0);
    c.svgShapes = el.querySelectorAll('svg path, svg rect, svg circle, svg polyline').length;
    if (inst) {
      const opt = inst.getOption() || {};
      const series = opt.series || [];
      c.series = series.length;
      for (const s of series) {
        c.seriesNames.push(String(s.name == null ? '' : s.name));
        const d = s.data || [];
        c.points += d.length;
        for (const p of d) if (p && typeof p === 'object' && p.name != null) c.labels.push(String(p.name));
      }
      for (const ax of [].concat(opt.xAxis || [], opt.yAxis || [])) {
        for (const v of ax.data || []) c.labels.push(String(v && typeof v === 'object' ? v.value : v));
      }
      for (const lg of opt.legend || []) for (const v of lg.data || []) c.labels.push(String(v && typeof v === 'object' ? v.name : v));
      const t = (opt.title || [])[0];
      c.title = t && t.text != null ? String(t.text) : '';
    }
    charts.push(c);
  }
  const de = document.documentElement;
  const csp = [];
  for (const m of document.querySelectorAll('meta[http-equiv]')) {
    if (m.httpEquiv.toLowerCase() === 'content-security-policy') csp.push(m.content);
  }
  return {
    url: location.href,
    title: document.title,
    text: document.body ? document.body.innerText : '',
    scrollWidth: de.scrollWidth,
    clientWidth: de.clientWidth,
    innerWidth: window.innerWidth,
    charts: charts,
    echarts: !!window.echarts,
    csp: csp,
    externalScripts: [...document.querySelectorAll('script[src]')].map((s) => s.src),
    // Elements that only a hostile name let loose would make.
    injected: document.querySelectorAll('img[src="x"], img[onerror], [onerror]').length,
    violations: window.__careportViolations || [],
  };
})()

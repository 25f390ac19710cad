// tooltips.js is called by the browser test with the hostile names as its
// arguments. For every ECharts instance on the page it shows the tooltip of
// each category, data item or series whose label contains one of them (the
// showTip action, as a hover does) and returns what the tooltip shows: its
// text, and whether it made any element (an <img>, a <script>) instead of
// text. An HTML tooltip is a <div> in the chart's box, which ECharts fills
// with innerHTML: this is where an unescaped name would run. A rich-text
// tooltip is drawn by the chart itself, so its text is what the chart
// draws after showTip that it did not draw before.
async function (...names) {
  const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  // chartTexts are the texts the chart draws, visible now: its zrender
  // display list (the same for the canvas and the SVG renderer), else its
  // SVG's <text> elements.
  const chartTexts = (inst, el) => {
    const zr = inst.getZr && inst.getZr();
    if (!zr || !zr.storage || !zr.storage.getDisplayList) return [...el.querySelectorAll('svg text')].map((t) => t.textContent);
    const hidden = (d) => {
      for (let e = d; e; e = e.parent || e.__hostTarget) if (e.invisible || e.ignore) return true;
      return false;
    };
    return zr.storage
      .getDisplayList(true)
      .filter((d) => d.style && d.style.text != null && !hidden(d))
      .map((d) => String(d.style.text));
  };
  const htmlTips = (el) =>
    [...el.querySelectorAll('div')]
      .filter((d) => !d.querySelector('canvas, svg') && d.innerText.trim() !== '')
      .map((d) => d.innerText);
  const out = [];
  for (const el of document.querySelectorAll('[_echarts_instance_]')) {
    const inst = window.echarts && window.echarts.getInstanceByDom(el);
    if (!inst) continue;
    const opt = inst.getOption() || {};
    if (!(opt.tooltip || []).some((t) => t && t.show !== false)) continue;
    const targets = [];
    const cats = [].concat(opt.xAxis || [], opt.yAxis || []).find((ax) => ax.type === 'category' && ax.data);
    // A category's tooltip (axis trigger) lists every series at it, so
    // each category once; a pie's items one by one; a series' name at its
    // first point with a value (a tooltip leaves out a series' gaps).
    const value = (p) => (p && typeof p === 'object' && !Array.isArray(p) ? p.value : p);
    const isPoint = (p) => value(p) != null && value(p) !== '-' && value(p) !== '';
    if (cats) cats.data.forEach((v, di) => targets.push({ si: 0, di, label: String(v && typeof v === 'object' ? v.value : v) }));
    (opt.series || []).forEach((s, si) => {
      const data = s.data || [];
      if (!cats) data.forEach((p, di) => targets.push({ si, di, label: String(p && p.name != null ? p.name : '') }));
      const di = data.findIndex(isPoint);
      if (di >= 0) targets.push({ si, di, label: String(s.name == null ? '' : s.name) });
    });
    // One showTip per tooltip: on an axis, every series at a category
    // shares it. A hidden tooltip stays in the SVG for hideDelay, so the
    // next one is read only after it is gone.
    const hideDelay = Math.max(0, ...(opt.tooltip || []).map((t) => Number(t.hideDelay) || 0), 100);
    const shows = new Map();
    for (const t of targets) {
      if (!names.some((n) => t.label.includes(n))) continue;
      const key = cats ? String(t.di) : t.si + ':' + t.di;
      if (!shows.has(key)) shows.set(key, { si: t.si, di: t.di, labels: [] });
      shows.get(key).labels.push(t.label);
    }
    for (const sh of shows.values()) {
      await frame();
      const before = chartTexts(inst, el);
      inst.dispatchAction({ type: 'showTip', seriesIndex: sh.si, dataIndex: sh.di });
      await frame();
      const after = chartTexts(inst, el);
      for (const s of before) {
        const i = after.indexOf(s);
        if (i >= 0) after.splice(i, 1);
      }
      const text = htmlTips(el).concat(after).join('\n');
      const injected = el.querySelectorAll('img, script, iframe, object, embed, [onerror]').length;
      for (const label of sh.labels) out.push({ chart: el.id || '', label, text, injected });
      inst.dispatchAction({ type: 'hideTip' });
      await new Promise((ok) => setTimeout(ok, hideDelay + 50));
    }
  }
  return out;
}

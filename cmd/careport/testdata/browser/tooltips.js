// tooltips.js is called by the browser test with the hostile names as its
// arguments. For every ECharts instance on the page it shows the tooltip of
// each category, data item or series whose label contains one of them (the
// showTip action, as a hover does) and returns what the tooltip shows: its
// text, and whether it made any element (an <img>, a <script>) instead of
// text. An HTML tooltip is a <div> in the chart's box; a rich-text one is
// drawn by the chart itself (SVG <text>), so its text is what the chart's
// SVG says after showTip that it did not say before. ECharts renders HTML
// tooltips with innerHTML, so this is where an unescaped name would run.
async function (...names) {
  const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  const svgTexts = (el) => [...el.querySelectorAll('svg text')].map((t) => t.textContent);
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
    // first item.
    if (cats) cats.data.forEach((v, di) => targets.push({ si: 0, di, label: String(v && typeof v === 'object' ? v.value : v) }));
    (opt.series || []).forEach((s, si) => {
      if (!cats) (s.data || []).forEach((p, di) => targets.push({ si, di, label: String(p && p.name != null ? p.name : '') }));
      targets.push({ si, di: 0, label: String(s.name == null ? '' : s.name) });
    });
    for (const t of targets) {
      if (!names.some((n) => t.label.includes(n))) continue;
      await frame();
      const before = svgTexts(el);
      inst.dispatchAction({ type: 'showTip', seriesIndex: t.si, dataIndex: t.di });
      await frame();
      const after = svgTexts(el);
      for (const s of before) {
        const i = after.indexOf(s);
        if (i >= 0) after.splice(i, 1);
      }
      out.push({
        chart: el.id || '',
        label: t.label,
        text: htmlTips(el).concat(after).join('\n'),
        injected: el.querySelectorAll('img, script, iframe, object, embed, [onerror]').length,
      });
      inst.dispatchAction({ type: 'hideTip' });
    }
  }
  return out;
}

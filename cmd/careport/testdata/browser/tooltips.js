// tooltips.js is called by the browser test with the hostile names as its
// arguments. For every ECharts instance on the page it shows the tooltip of
// each category or data item whose label contains one of them (the
// showTip action, as a hover does) and returns what the tooltip shows: its
// text, and whether it made any element (an <img>, a <script>) instead of
// text. ECharts renders tooltips as HTML, so this is where an unescaped name
// would run.
function (...names) {
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
      inst.dispatchAction({ type: 'showTip', seriesIndex: t.si, dataIndex: t.di });
      const tip = [...el.querySelectorAll('div')].filter((d) => !d.querySelector('canvas') && d.innerText.trim() !== '');
      out.push({
        chart: el.id || '',
        label: t.label,
        text: tip.map((d) => d.innerText).join('\n'),
        injected: el.querySelectorAll('img, script, iframe, object, embed, [onerror]').length,
      });
      inst.dispatchAction({ type: 'hideTip' });
    }
  }
  return out;
}

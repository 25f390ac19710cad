// Package templates holds the page templates, style sheet and page script
// of careport's HTML reports (render/html), embedded in the binary so that
// a report renders anywhere without files beside the program.
//
// The files are:
//   - report.html.tmpl: the html/template of one report page.
//   - report.css: the page's style sheet (screen, print, dark mode,
//     phone widths), inlined in a <style> block.
//   - charts.js: the page's own script, inlined in a <script> block after
//     the ECharts library; it draws every chart from the options the
//     renderer put in a JSON data block beside it.
//   - mail.html.tmpl and mail.txt.tmpl: the HTML and plain-text bodies of
//     the report mails and failure notices (render/email), each defining
//     "report" and "notice"; the HTML has inline styles only, for mail
//     clients strip style blocks.
//
// Nothing in them comes from a report's data: the renderer fills the
// template with html/template's contextual escaping, and the style sheet
// and script are constants whose SHA-256 hashes the page's
// Content-Security-Policy allows.
package templates

import "embed"

// FS holds the page template, style sheet and script, and the mail body
// templates.
//
//go:embed report.html.tmpl report.css charts.js mail.html.tmpl mail.txt.tmpl
var FS embed.FS

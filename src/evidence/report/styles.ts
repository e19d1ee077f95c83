// The report's only styling, inline: no fonts, images or scripts from anywhere (the page must open offline
// and the CSP forbids fetching). Print rules keep an incident on one page where it fits.
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #111; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; border-bottom: 2px solid #333; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.warning { border: 3px solid #a00; background: #fff3f3; padding: .8rem 1rem; margin-bottom: 1.2rem; }
.warning h2 { border: 0; margin: 0 0 .3rem; color: #a00; }
.muted { color: #555; font-size: .9em; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
.incident { border: 1px solid #bbb; border-left: 6px solid #888; padding: .6rem .8rem; margin: .8rem 0; break-inside: avoid; }
.verdict-cyberstalking { border-left-color: #a00; } .verdict-grey { border-left-color: #c80; }
table.facts { border-collapse: collapse; width: 100%; }
table.facts th { text-align: left; vertical-align: top; width: 9.5rem; padding: .15rem .6rem .15rem 0; font-weight: 600; }
table.facts td { padding: .15rem 0; vertical-align: top; }
blockquote.text { margin: 0; padding: .4rem .6rem; background: #f4f4f4; border-left: 3px solid #999; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.why, ul.later { margin: .2rem 0; padding-left: 1.2rem; }
li.deleted { color: #700; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; overflow-wrap: anywhere; }
pre.command { background: #f4f4f4; padding: .5rem; white-space: pre-wrap; }
.field { border: 1px solid #777; min-height: 6rem; padding: .5rem; margin: .3rem 0 1rem; white-space: pre-wrap; }
.field:empty::before { content: attr(data-hint); color: #888; }
@media print {
  body { max-width: none; padding: 0; }
  .warning { break-after: avoid; }
  .field { min-height: 9rem; background: repeating-linear-gradient(transparent 0 1.6rem, #ccc 1.6rem calc(1.6rem + 1px)); }
  .field:empty::before { content: ""; }
  a { color: #111; }
  a[href]::after { content: " <" attr(href) ">"; font-size: .85em; color: #333; overflow-wrap: anywhere; }
  #statement { break-before: page; }
}
`;

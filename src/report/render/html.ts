import type { ReportDocument } from '../document.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** "[U12]" becomes a link to the source's row at the end of the report. */
const withRefs = (s: string) => esc(s).replace(/\[(U\d+|V\d+|P)\]/g, '<a href="#ref-$1">[$1]</a>');

const CSS = `body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.5rem;border-bottom:2px solid #1f5fa8;padding-bottom:.2rem;margin-top:2.2rem}h2{font-size:1.2rem;margin-top:1.6rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef3f9}td.num{text-align:right}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#555}
header p{color:#555}a{color:#1f5fa8;text-decoration:none}`;

/** A standalone HTML page; charts as inline SVG. */
export function renderHtml(doc: ReportDocument): string {
  const body: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
        body.push(`<header><h1>${esc(b.text)}</h1><p>${esc(b.subtitle)}</p></header>`);
        break;
      case 'heading':
        body.push(`<h${b.level + 1}>${esc(b.text)}</h${b.level + 1}>`);
        break;
      case 'paragraph':
        body.push(`<p>${withRefs(b.text)}</p>`);
        break;
      case 'list':
        body.push(`<ul>${b.items.map((i) => `<li>${withRefs(i)}</li>`).join('')}</ul>`);
        break;
      case 'table': {
        const isSources = b.rows.every((r) => /^\[(U\d+|V\d+|P)\]$/.test(r[0] ?? ''));
        const rows = b.rows.map((r) => {
          const id = isSources ? ` id="ref-${r[0].slice(1, -1)}"` : '';
          return `<tr${id}>${r.map((c, i) => `<td${b.numeric?.includes(i) ? ' class="num"' : ''}>${isSources && i === 0 ? esc(c) : withRefs(c)}</td>`).join('')}</tr>`;
        });
        body.push(`<table><thead><tr>${b.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
        break;
      }
      case 'chart': {
        // The SVG gets an accessible name; its own XML prologue has no place inside HTML.
        const svg = b.svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg /, `<svg role="img" aria-label="${esc(b.alt)}" `);
        body.push(`<figure>${svg}<figcaption>${esc(b.caption)}</figcaption></figure>`);
        break;
      }
    }
  }
  return `<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

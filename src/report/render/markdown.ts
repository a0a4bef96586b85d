import type { ReportDocument } from '../document.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown; charts inline as SVG data URIs, so the file stands alone. */
export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
        out.push(`# ${b.text}`, '', `*${b.subtitle}*`);
        break;
      case 'heading':
        out.push(`${'#'.repeat(b.level + 1)} ${b.text}`);
        break;
      case 'paragraph':
        out.push(b.text);
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${i}`).join('\n'));
        break;
      case 'table':
        out.push(
          [
            `| ${b.header.map(cell).join(' | ')} |`,
            `| ${b.header.map((_, i) => (b.numeric?.includes(i) ? '---:' : '---')).join(' | ')} |`,
            ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          ].join('\n'),
        );
        break;
      case 'chart':
        out.push(`![${b.alt}](data:image/svg+xml;base64,${Buffer.from(b.svg).toString('base64')})`, '', `*${b.caption}*`);
        break;
    }
    out.push('');
  }
  return out.join('\n');
}

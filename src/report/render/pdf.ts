import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { CHART_HEIGHT, CHART_WIDTH, svgToPng } from '../chart.ts';
import type { Block, ReportDocument } from '../document.ts';

/** Debian's DejaVu (fonts-dejavu-core) covers every character of both languages; Helvetica otherwise. */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONTS = existsSync(`${FONT_DIR}/DejaVuSans.ttf`)
  ? { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` }
  : { regular: 'Helvetica', bold: 'Helvetica-Bold' };

const MARGIN = 50;
const BLUE = '#1f5fa8';

/** A4 PDF: headings, paragraphs, ruled tables that break across pages, and one PNG chart per indicator. */
export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: doc.title }, lang: doc.lang, bufferPages: true });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN;
  const ensure = (h: number) => {
    if (pdf.y + h > bottom()) pdf.addPage();
  };
  let headings1 = 0;
  for (const b of doc.blocks) renderBlock(b);
  // Page numbers, once every page exists.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift it for the footer.
    pdf.page.margins.bottom = 0;
    pdf.font(FONTS.regular).fontSize(8).fillColor('#777').text(`${doc.title} · ${i + 1}/${range.count}`, MARGIN, pdf.page.height - MARGIN + 15, { width, align: 'center', lineBreak: false });
  }
  pdf.end();
  return done;

  function renderBlock(b: Block) {
    switch (b.kind) {
      case 'title':
        pdf.font(FONTS.bold).fontSize(20).fillColor(BLUE).text(b.text, { width });
        pdf.moveDown(0.3).font(FONTS.regular).fontSize(12).fillColor('#444').text(b.subtitle, { width }).moveDown(0.8);
        break;
      case 'heading': {
        const size = b.level === 1 ? 15 : b.level === 2 ? 12.5 : 11;
        // Each cantiere starts a page; the overview follows the title.
        if (b.level === 1 && headings1++ > 0) pdf.addPage();
        ensure(size * 4);
        pdf.moveDown(b.level === 1 ? 0 : 0.6).font(FONTS.bold).fontSize(size).fillColor(b.level === 1 ? BLUE : '#222').text(b.text, MARGIN, pdf.y, { width });
        if (b.level === 1) pdf.moveTo(MARGIN, pdf.y + 2).lineTo(MARGIN + width, pdf.y + 2).strokeColor(BLUE).lineWidth(1).stroke();
        pdf.moveDown(0.4);
        break;
      }
      case 'paragraph':
        pdf.font(FONTS.regular).fontSize(9.5).fillColor('#222');
        ensure(pdf.heightOfString(b.text, { width }));
        pdf.text(b.text, MARGIN, pdf.y, { width }).moveDown(0.5);
        break;
      case 'list':
        pdf.font(FONTS.regular).fontSize(9.5).fillColor('#222');
        for (const item of b.items) {
          ensure(pdf.heightOfString(item, { width: width - 12 }));
          pdf.text(`•  ${item}`, MARGIN + 6, pdf.y, { width: width - 6 });
        }
        pdf.moveDown(0.5);
        break;
      case 'table':
        table(b);
        break;
      case 'chart': {
        const w = Math.min(width, CHART_WIDTH);
        const h = (w / (CHART_WIDTH + 120)) * (CHART_HEIGHT + 90);
        ensure(h + 30);
        pdf.image(svgToPng(b.svg), MARGIN, pdf.y, { fit: [width, h] });
        pdf.y += h + 4;
        pdf.font(FONTS.regular).fontSize(8).fillColor('#555').text(b.caption, MARGIN, pdf.y, { width }).moveDown(0.6);
        break;
      }
    }
  }

  function table(b: Extract<Block, { kind: 'table' }>) {
    const size = 8;
    const pad = 3;
    pdf.fontSize(size);
    // Column widths follow the longest text of each column, within bounds.
    // never narrower than the column's longest word.
    const cells = (i: number) => [b.header[i], ...b.rows.map((r) => r[i] ?? '')];
    const longest = b.header.map((_, i) => Math.max(...cells(i).map((c) => Math.min(c.length, 60))));
    const minimum = b.header.map((_, i) => Math.max(...cells(i).flatMap((c) => c.split(/\s+/).map((w) => pdf.font(FONTS.bold).fontSize(size).widthOfString(w)))) + 2 * pad + 1);
    const total = longest.reduce((a, x) => a + Math.max(x, 5), 0);
    const free = width - minimum.reduce((a, x) => a + x, 0);
    const widths = free > 0 ? longest.map((x, i) => minimum[i] + (Math.max(x, 5) / total) * free) : longest.map((x) => (Math.max(x, 5) / total) * width);
    const rowHeight = (cells: string[], font: string) => {
      pdf.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, fill?: string) => {
      const h = rowHeight(cells, font);
      if (pdf.y + h > bottom()) {
        pdf.addPage();
        if (font !== FONTS.bold) drawRow(b.header, FONTS.bold, '#eef3f9');
      }
      const y = pdf.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        if (fill) pdf.rect(x, y, widths[i], h).fill(fill);
        pdf.rect(x, y, widths[i], h).strokeColor('#bbb').lineWidth(0.5).stroke();
        pdf.font(font).fontSize(size).fillColor('#222').text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: b.numeric?.includes(i) ? 'right' : 'left' });
        x += widths[i];
      });
      pdf.x = MARGIN;
      pdf.y = y + h;
    };
    ensure(rowHeight(b.header, FONTS.bold) * 2);
    drawRow(b.header, FONTS.bold, '#eef3f9');
    for (const r of b.rows) drawRow(r, FONTS.regular);
    pdf.moveDown(0.6);
  }
}

import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { CHART_HEIGHT, CHART_WIDTH, svgToPng } from '../chart.ts';
import type { ReportDocument } from '../document.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** A Word document: real headings (navigable), tables, and one PNG chart per indicator. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
        children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(b.text)] }));
        children.push(new Paragraph({ children: [new TextRun({ text: b.subtitle, italics: true })] }));
        break;
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: [new TextRun(b.text)] }));
        break;
      case 'list':
        for (const item of b.items) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
        break;
      case 'table': {
        const row = (cells: string[], header = false) =>
          new TableRow({
            tableHeader: header,
            children: cells.map(
              (c, i) =>
                new TableCell({
                  children: [
                    new Paragraph({
                      alignment: !header && b.numeric?.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
                      children: [new TextRun({ text: c, bold: header, size: 18 })],
                    }),
                  ],
                }),
            ),
          });
        children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(b.header, true), ...b.rows.map((r) => row(r))] }));
        children.push(new Paragraph({ children: [] }));
        break;
      }
      case 'chart': {
        const w = 600;
        const h = Math.round((w * (CHART_HEIGHT + 90)) / (CHART_WIDTH + 120));
        children.push(
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: svgToPng(b.svg), transformation: { width: w, height: h }, altText: { name: b.indicatorId, title: b.alt, description: b.caption } })],
          }),
        );
        children.push(new Paragraph({ children: [new TextRun({ text: b.caption, italics: true, size: 16 })] }));
        break;
      }
    }
  }
  const document = new Document({ title: doc.title, styles: { default: { document: { run: { font: 'DejaVu Sans', size: 20 } } } }, sections: [{ children }] });
  return Packer.toBuffer(document);
}

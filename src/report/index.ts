import type { ReportData } from '../core/report/build.ts';
import { reportDocument } from './document.ts';
import { renderDocx } from './render/docx.ts';
import { renderHtml } from './render/html.ts';
import { renderMarkdown } from './render/markdown.ts';
import { renderPdf } from './render/pdf.ts';

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report file's bytes in one format. */
export async function renderReport(data: ReportData, format: ReportFormat): Promise<Buffer> {
  const doc = await reportDocument(data);
  switch (format) {
    case 'md':
      return Buffer.from(renderMarkdown(doc));
    case 'html':
      return Buffer.from(renderHtml(doc));
    case 'pdf':
      return renderPdf(doc);
    case 'docx':
      return renderDocx(doc);
  }
}

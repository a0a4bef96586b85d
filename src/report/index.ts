import type { ReportData } from '../core/report/build.ts';
import { reportDocument, type ReportDocument } from './document.ts';
import { renderDocx } from './render/docx.ts';
import { renderHtml } from './render/html.ts';
import { renderMarkdown } from './render/markdown.ts';
import { renderPdf } from './render/pdf.ts';

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report file's bytes in one format. */
export async function renderReport(data: ReportData, format: ReportFormat): Promise<Buffer> {
  return renderDocument(await reportDocument(data), format);
}

/** One laid-out document (charts drawn once) in any format. */
export async function renderDocument(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
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

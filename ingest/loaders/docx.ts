import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { INGEST_LIMITS } from '../limits.ts';
import { IngestError, type LoadedText } from '../types.ts';
import { htmlToText } from './html.ts';

/**
 * Reads the package's central directory (nothing is inflated) and refuses a package whose parts
 * would expand beyond the limit: a small zip bomb must not reach mammoth, which inflates in memory.
 */
export function checkDocxExpansion(bytes: Uint8Array, limit = INGEST_LIMITS.docxExpandedBytes): void {
  let expanded = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        expanded += entry.originalSize;
        return false;
      },
    });
  } catch (err) {
    throw new IngestError(`not a valid DOCX (${String((err as Error).message ?? err).split('\n')[0]})`);
  }
  if (expanded > limit) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    throw new IngestError(`the DOCX expands to ${mb(expanded)} of XML, over the ${mb(limit)} limit (a damaged file or a zip bomb)`);
  }
}

/** DOCX through mammoth (Word styles to semantic HTML: headings, lists), then the HTML path. */
export async function loadDocx(bytes: Uint8Array): Promise<LoadedText> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new IngestError('not a valid DOCX (not a ZIP package)');
  checkDocxExpansion(bytes);
  let html: string;
  try {
    const res = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = res.value;
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    throw new IngestError(`not a valid DOCX (${msg.split('\n')[0]})`);
  }
  const first = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  return { kind: 'docx', text: htmlToText(html), title: first ? htmlToText(first[1]).trim() : undefined, markup: true };
}

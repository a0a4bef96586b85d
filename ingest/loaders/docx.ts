import mammoth from 'mammoth';
import { IngestError, type LoadedText } from '../types.ts';
import { htmlToText } from './html.ts';

/** DOCX through mammoth (Word styles to semantic HTML: headings, lists), then the HTML path. */
export async function loadDocx(bytes: Uint8Array): Promise<LoadedText> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new IngestError('not a valid DOCX (not a ZIP package)');
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

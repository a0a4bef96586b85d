import { extname } from 'node:path';
import { IngestError, type LoadedText } from '../types.ts';
import { loadDocx } from './docx.ts';
import { loadHtml } from './html.ts';
import { loadPdf } from './pdf.ts';
import { loadMarkdown, loadPlainText, removeControlChars } from './text.ts';

type Loader = (bytes: Uint8Array, ext: string) => LoadedText | Promise<LoadedText>;

const DOCUMENT_LOADERS: Record<string, Loader> = {
  '.pdf': (b) => loadPdf(b),
  '.docx': (b) => loadDocx(b),
  '.md': loadMarkdown,
  '.markdown': loadMarkdown,
  '.html': loadHtml,
  '.htm': loadHtml,
  '.txt': loadPlainText,
  '.text': loadPlainText,
};

/** Project sheets: structured records that upsert projects and also become documents. */
export const SHEET_EXTENSIONS = ['.yaml', '.yml', '.csv'];

export const SUPPORTED_EXTENSIONS = [...Object.keys(DOCUMENT_LOADERS), ...SHEET_EXTENSIONS];

export function extensionOf(file: string): string {
  return extname(file).toLowerCase();
}

export function isSheet(file: string): boolean {
  return SHEET_EXTENSIONS.includes(extensionOf(file));
}

export function checkSupported(file: string): void {
  const ext = extensionOf(file);
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    throw new IngestError(
      `unsupported file type ${ext ? `"${ext}"` : '(no extension)'}; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`,
    );
  }
}

export async function loadDocument(file: string, bytes: Uint8Array): Promise<LoadedText> {
  const ext = extensionOf(file);
  const loader = DOCUMENT_LOADERS[ext];
  if (!loader) checkSupported(file);
  const loaded = await loader(bytes, ext);
  return { ...loaded, text: removeControlChars(loaded.text), title: loaded.title === undefined ? undefined : removeControlChars(loaded.title) };
}

import { getDocumentProxy, getMeta, type StructuredTextItem } from 'unpdf';
import { INGEST_LIMITS, type TimeBudget } from '../limits.ts';
import { IngestError, type LoadedText } from '../types.ts';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * The positioned text items of the first `maxPages` pages, one page at a time (unpdf's
 * extractTextItems asks for every page at once, which holds a 20,000-page file in memory); each
 * page's resources are released before the next, and the time budget is checked between pages.
 */
async function pageItems(pdf: PdfDocument, maxPages: number, budget?: TimeBudget): Promise<StructuredTextItem[][]> {
  const pages: StructuredTextItem[][] = [];
  for (let n = 1; n <= Math.min(pdf.numPages, maxPages); n++) {
    budget?.check();
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items.flatMap((item) => {
        if (!('str' in item)) return [];
        const [, , c, d, e, f] = item.transform as number[];
        return [{ str: item.str, x: e, y: f, width: item.width, height: item.height, fontSize: Math.hypot(c, d), fontFamily: '', dir: item.dir, hasEOL: item.hasEOL }];
      }),
    );
    page.cleanup();
  }
  return pages;
}

interface Line {
  text: string;
  y: number;
  size: number;
}

/** Items of one page to lines, using the positions pdf.js reports (not its plain-text join). */
function pageLines(items: StructuredTextItem[]): Line[] {
  const lines: Line[] = [];
  let cur: { parts: string[]; y: number; size: number; endX: number; chars: number } | null = null;
  const flush = () => {
    if (cur) {
      const text = cur.parts.join('').replace(/\s+/g, ' ').trim();
      if (text) lines.push({ text, y: cur.y, size: cur.size });
    }
    cur = null;
  };
  for (const it of items) {
    const size = it.fontSize || it.height || 10;
    if (cur && Math.abs(it.y - cur.y) > size * 0.5 && it.str.trim()) flush();
    if (it.str) {
      if (!cur) cur = { parts: [], y: it.y, size, endX: it.x, chars: 0 };
      const gap = it.x - cur.endX;
      const last = cur.parts.at(-1) ?? '';
      if (cur.parts.length && gap > size * 0.15 && !/\s$/.test(last) && !/^\s/.test(it.str)) cur.parts.push(' ');
      cur.parts.push(it.str);
      cur.endX = it.x + it.width;
      // The line's size is that of most of its characters.
      if (it.str.trim().length > cur.chars) {
        cur.size = size;
        cur.chars = it.str.trim().length;
      }
    }
    if (it.hasEOL) flush();
  }
  flush();
  return lines;
}

/** The font size that carries most of the characters: the body text. */
function bodySize(pages: Line[][]): number {
  const weight = new Map<number, number>();
  for (const l of pages.flat()) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + l.text.length);
  }
  let best = 10;
  let max = -1;
  for (const [s, w] of weight) if (w > max) [best, max] = [s, w];
  return best;
}

export async function loadPdf(bytes: Uint8Array, budget?: TimeBudget, maxPages = INGEST_LIMITS.pdfPages): Promise<LoadedText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 } as never);
  } catch (err) {
    const e = err as Error;
    if (e?.name === 'PasswordException') throw new IngestError('the PDF is encrypted (password-protected): remove the password and ingest it again');
    throw new IngestError(`not a valid PDF (damaged or truncated: ${String(e?.message ?? e).split('\n')[0]})`);
  }
  try {
    const pages = (await pageItems(pdf, maxPages, budget)).map(pageLines);
    const notes = pdf.numPages > maxPages ? [`only the first ${maxPages} of ${pdf.numPages} pages were ingested (page limit)`] : [];
    const body = bodySize(pages);
    const headingSizes = [...new Set(pages.flat().filter((l) => l.size >= body * 1.15).map((l) => Math.round(l.size)))].sort((a, b) => b - a);
    const pageTexts = pages.map((lines) => {
      const out: string[] = [];
      let prev: Line | null = null;
      for (const l of lines) {
        // A vertical gap clearly larger than the line spacing is a paragraph break.
        if (prev && Math.abs(prev.y - l.y) > Math.max(prev.size, l.size) * 1.75) out.push('');
        const level = headingSizes.indexOf(Math.round(l.size));
        if (level >= 0 && l.text.length <= 120) {
          if (out.length && out.at(-1) !== '') out.push('');
          out.push(`${'#'.repeat(Math.min(level + 1, 6))} ${l.text}`, '');
        } else out.push(l.text);
        prev = l;
      }
      return out.join('\n');
    });
    let title: string | undefined;
    try {
      const meta = await getMeta(pdf);
      const t = String(meta.info?.Title ?? '').trim();
      if (t) title = t;
    } catch {
      /* metadata is optional */
    }
    return { kind: 'pdf', text: pageTexts.join('\n\f\n'), title, markup: headingSizes.length > 0, notes };
  } finally {
    await pdf.destroy().catch(() => {});
  }
}

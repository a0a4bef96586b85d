import type { Block } from './types.ts';

/**
 * Cleaning: undo what PDF extraction and word processors do to text (hyphenated line ends,
 * repeated page headers and footers, bullet glyphs, ragged whitespace) while keeping what carries
 * meaning (paragraphs, headings, list items).
 */

// Glyphs that PDF extraction and symbol fonts leave where a bullet was (incl. private-use code points).
const BULLET_GLYPHS = '•▪■●◦○◆◇►▸‣⁃∙·➢➤✓✔❖\uF0B7\uF0A7\uF0D8\uF0FC\uE000-\uF8FF';
const BULLET_LINE = new RegExp(`^\\s*(?:[${BULLET_GLYPHS}]|[-–—*](?=\\s))\\s*(?=\\S)`, 'u');
const GLYPH_ONLY_LINE = new RegExp(`^\\s*[${BULLET_GLYPHS}!\\-–—*_.·|]+\\s*$`, 'u');
const PAGE_NUMBER = /^\s*(?:(?:page|pag\.?|pagina|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:\/|of|di|de)\s*\d{1,4})?\s*$/i;
const NUMBERED_HEADING = /^\s*(\d{1,2}(?:\.\d{1,2})+)\.?\s+\p{Lu}/u;
const KEYWORD_HEADING =
  /^\s*(?:capitolo|sezione|parte|allegato|asse|titolo|chapter|section|part|appendix|annex)\b[\p{L}\s]{0,25}?\s(?:\d{1,2}|[IVXL]{1,5})\s*[.:]?\s*$/iu;

export function normaliseCharacters(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00AD/g, '') // soft hyphens are invisible break hints
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/\uFB00/g, 'ff')
    .replace(/\uFB01/g, 'fi')
    .replace(/\uFB02/g, 'fl')
    .replace(/\uFB03/g, 'ffi')
    .replace(/\uFB04/g, 'ffl')
    .replace(/[ ]+$/gm, '');
}

/** A line's identity for header/footer detection: case, digits (page numbers) and punctuation ignored. */
function lineKey(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '').replace(/[^\p{L}]+/gu, ' ').trim();
}

/**
 * Paginated text: a line that recurs in the top or bottom few lines of many pages is a running
 * header or footer; bare page numbers there go too. A line shaped like the page's own body lines
 * (a register whose every row reads "Riga N ...") is content, not furniture, and stays.
 */
function dropRunningLines(pages: string[][]): string[][] {
  const EDGE = 2;
  const edgeIdx = (lines: string[]) => {
    const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
    return new Set([...nonEmpty.slice(0, EDGE), ...nonEmpty.slice(-EDGE)]);
  };
  const counts = new Map<string, number>();
  const edges = pages.map(edgeIdx);
  pages.forEach((lines, p) => {
    // Headings are never furniture, even when every page opens with "Capitolo N".
    const keys = new Set([...edges[p]].filter((i) => !lines[i].startsWith('#')).map((i) => lineKey(lines[i])).filter((k) => k.length >= 3));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const threshold = Math.max(2, Math.ceil(pages.length * 0.5));
  return pages.map((lines, p) => {
    const body = new Set(lines.filter((l, i) => !edges[p].has(i) && l.trim()).map(lineKey));
    return lines.filter((line, i) => {
      if (!edges[p].has(i) || line.startsWith('#')) return true;
      if (PAGE_NUMBER.test(line)) return false;
      return body.has(lineKey(line)) || (counts.get(lineKey(line)) ?? 0) < threshold;
    });
  });
}

/** Lines apart within which two lines of one shape are rows of the text, not page furniture. */
const ROW_DISTANCE = 6;

/**
 * Unpaginated text (a PDF already flattened to .txt): page furniture shows up as short lines
 * standing alone between blank lines. Those that recur three times or more, and bare numbers, go,
 * unless the repeats sit next to each other (a register's rows): furniture recurs a page apart.
 */
function dropStandaloneRepeats(lines: string[]): string[] {
  const standalone = (i: number) => lines[i].trim() !== '' && !lines[i - 1]?.trim() && !lines[i + 1]?.trim();
  const counts = new Map<string, number>();
  const last = new Map<string, number>();
  const rows = new Set<string>();
  lines.forEach((l, i) => {
    if (!standalone(i) || l.length > 100) return;
    const k = lineKey(l);
    if (k.length < 3) return;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    if (i - (last.get(k) ?? -Infinity) <= ROW_DISTANCE) rows.add(k);
    last.set(k, i);
  });
  return lines.filter((l, i) => {
    if (!standalone(i)) return true;
    if (PAGE_NUMBER.test(l)) return false;
    const k = lineKey(l);
    return l.length > 100 || rows.has(k) || (counts.get(k) ?? 0) < 3;
  });
}

/** Words and hyphenated compounds as they occur inside lines: evidence for how to join a broken word. */
export interface Vocabulary {
  words: Set<string>;
  compounds: Set<string>;
}

const HYPHEN = 0x2d;
const NEWLINE = 0x0a;

export function buildVocabulary(text: string): Vocabulary {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const m of text.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
    const end = m.index + m[0].length;
    // A token right before a line-end hyphen is a fragment, not a word (the character tests
    // first: slicing around every word of a long text was the bulk of the time).
    if (text.charCodeAt(end) === HYPHEN) {
      const after = text.slice(end, end + 2);
      if (/^-\s*$|^-\n/.test(after) || after === '-') continue;
    }
    // ...and the token right after one is the rest of a word.
    if (m.index >= 2 && text.charCodeAt(m.index - 1) === NEWLINE && text.charCodeAt(m.index - 2) === HYPHEN) continue;
    const w = m[0].toLowerCase();
    if (w.includes('-')) compounds.add(w);
    else words.add(w);
  }
  return { words, compounds };
}

/** Joins `left-` (end of a line) and `right` (start of the next) into one word. */
export function joinHyphenated(left: string, right: string, vocab: Vocabulary): string {
  const l = /(\p{L}+)-$/u.exec(left)?.[1] ?? '';
  const r = /^\p{L}+/u.exec(right)?.[0] ?? '';
  const stem = left.slice(0, -1);
  // "socio-\neconomico" where the text elsewhere writes "socio-economico": a real compound.
  if (l && r && vocab.compounds.has(`${l}-${r}`.toLowerCase()) && !vocab.words.has(`${l}${r}`.toLowerCase())) {
    return `${left}${right}`;
  }
  // A capitalised continuation ("Emilia-\nRomagna") keeps its hyphen.
  if (/^\p{Lu}/u.test(right)) return `${left}${right}`;
  return `${stem}${right}`;
}

const ENDS_HYPHENATED = /\p{L}-$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** One paragraph's lines to its text: broken words joined, soft wraps to spaces, list items kept. */
function joinLines(lines: string[], vocab: Vocabulary): string {
  let out = '';
  // A line clearly shorter than the paragraph's full lines ended there (a title, a list entry).
  const full = Math.max(...lines.map((l) => l.trim().length));
  let prevLen = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) {
      out = line;
      prevLen = line.length;
      continue;
    }
    if (ENDS_HYPHENATED.test(out) && (STARTS_LOWER.test(line) || /^\p{Lu}/u.test(line)) && !line.startsWith('- ')) {
      const lastWord = /\S+$/.exec(out)![0];
      out = out.slice(0, out.length - lastWord.length) + joinHyphenated(lastWord, line, vocab);
    } else if (
      line.startsWith('- ') ||
      (/^[\p{Lu}\d«“"(]/u.test(line) && (/[.!?;:»”"]$/.test(out) || (full >= 50 && prevLen < full * 0.6)))
    ) {
      out += `\n${line}`;
    } else {
      out += ` ${line}`;
    }
    prevLen = line.length;
  }
  return out;
}

/** Inline "lun- go" (a line break already flattened to a space) where the whole word is known. */
function repairInlineBreaks(text: string, vocab: Vocabulary): string {
  // Most paragraphs have no "- ": the regular expression, tried at every letter, costs more than the test.
  if (!text.includes('- ')) return text;
  return text.replace(/(\p{L}{2,})- (\p{Ll}{2,})/gu, (m, a: string, b: string) =>
    vocab.words.has(`${a}${b}`.toLowerCase()) ? `${a}${b}` : m,
  );
}

const HEADING_MARK = '\u0001';

function headingCandidate(line: string): { level: number } | null {
  const t = line.trim();
  if (t.length > 100 || /[.;,]$/.test(t)) return null;
  const num = NUMBERED_HEADING.exec(t);
  if (num) return { level: Math.min(num[1].split('.').filter(Boolean).length, 6) };
  if (KEYWORD_HEADING.test(t)) return { level: 1 };
  return null;
}

/**
 * Plain text has no heading markup: numbered section titles ("1.2 L'esperienza cremonese") and
 * keyword titles ("Asse strategico 3", "Chapter 2") on a line of their own become headings, with a
 * short continuation line. Runs of such lines are a table of contents or a list, not headings.
 */
function markPlainHeadings(lines: string[]): string[] {
  const out: string[] = [];
  const nextNonEmpty = (i: number) => {
    for (let j = i + 1; j < lines.length; j++) if (lines[j].trim()) return j;
    return -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // A chapter number set large and glued to its title ("2Le vision dello sviluppo"), alone in a
    // short block of short lines.
    const glued = /^\s*(\d{1,2})(\p{Lu}\p{Ll}.*)$/u.exec(line);
    if (glued && (!lines[i - 1]?.trim() || /[.;:!?]$/.test(lines[i - 1].trim()))) {
      let end = i;
      while (end + 1 < lines.length && lines[end + 1].trim()) end++;
      const block = lines.slice(i, end + 1).map((l) => l.trim());
      if (block.length <= 3 && block.every((l) => l.length <= 40) && !/[.;,:]$/.test(block[block.length - 1])) {
        out.push('', `${HEADING_MARK}1 ${[`${glued[1]} ${glued[2].trim()}`, ...block.slice(1)].join(' ').replace(/\s+/g, ' ')}`, '');
        i = end;
        continue;
      }
    }
    const cand = headingCandidate(line);
    const prev = out.length ? out[out.length - 1] : '';
    const prevEnds = !prev.trim() || prev.startsWith(HEADING_MARK) || /[.!?:;»”")]$/.test(prev.trim()) || prev.trim().length < 40;
    const numbered = (l: string) => NUMBERED_HEADING.test(l.trim()) && headingCandidate(l) !== null;
    const prevCand = !!prev.trim() && !prev.startsWith(HEADING_MARK) && numbered(prev) && numbered(line);
    const n = nextNonEmpty(i);
    const nextCand = n >= 0 && numbered(lines[n]) && numbered(line);
    if (!cand || !prevEnds || nextCand || prevCand) {
      out.push(line);
      continue;
    }
    let text = line.trim();
    // "1.1 La pianificazione strategica:" + "perché un patto per lo sviluppo?" / "Asse strategico 1" + its name.
    const next = lines[i + 1]?.trim() ?? '';
    const afterNext = lines[i + 2]?.trim() ?? '';
    if (next && next.length <= 80 && !/[.;,]$/.test(next) && (/^\p{Ll}/u.test(next) || /:$/.test(text) || !afterNext)) {
      text = KEYWORD_HEADING.test(text) ? `${text} – ${next}` : `${text} ${next}`;
      i++;
    }
    out.push('', `${HEADING_MARK}${cand.level} ${text.replace(/\s+/g, ' ')}`, '');
  }
  return out;
}

export interface CleanOptions {
  /** Text with explicit `#` headings (Markdown, HTML, DOCX, PDF with font sizes). */
  markup: boolean;
}

/** Loader text to blocks: headings and paragraphs, clean. */
export function cleanToBlocks(input: string, { markup }: CleanOptions): Block[] {
  const text = normaliseCharacters(input);
  const vocab = buildVocabulary(text.replace(/-\n\s*/g, '-\n'));
  let pages = text.split('\f').map((p) => p.split('\n'));
  if (pages.length >= 3) pages = dropRunningLines(pages);
  let lines = pages.flatMap((p, i) => (i === 0 ? p : ['', ...p]));
  if (!markup) lines = dropStandaloneRepeats(lines);
  lines = lines.map((l) => (GLYPH_ONLY_LINE.test(l) ? '' : l.replace(BULLET_LINE, '- ')));
  if (!markup) lines = markPlainHeadings(lines);

  const blocks: Block[] = [];
  let para: string[] = [];
  let openHyphenated: number | null = null;
  const flush = () => {
    if (para.length === 0) return;
    {
      const joined = repairInlineBreaks(joinLines(para, vocab), vocab).replace(/[ ]{2,}/g, ' ');
      // A word broken across a page break or around a table or figure set in the middle of the
      // text ("con-" ... a SWOT table ... "frontare"): the paragraph continues where it broke off.
      const open = openHyphenated !== null && blocks.length - openHyphenated <= 12 ? blocks[openHyphenated] : null;
      if (open?.type === 'paragraph' && STARTS_LOWER.test(joined)) {
        const lastWord = /\S+$/.exec(open.text)![0];
        open.text = open.text.slice(0, open.text.length - lastWord.length) + joinHyphenated(lastWord, joined, vocab);
        openHyphenated = ENDS_HYPHENATED.test(open.text) ? openHyphenated : null;
      } else if (joined.trim()) {
        blocks.push({ type: 'paragraph', text: joined.trim() });
        if (ENDS_HYPHENATED.test(joined.trim())) openHyphenated = blocks.length - 1;
      }
    }
    para = [];
  };
  for (const line of lines) {
    const h = markup ? /^(#{1,6})\s+(.*\S)\s*#*\s*$/.exec(line) : null;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 is the heading marker the loaders put in front of a heading
    const plain = !markup && line.startsWith(HEADING_MARK) ? /^\u0001(\d) (.*)$/.exec(line) : null;
    if (h || plain) {
      flush();
      openHyphenated = null;
      const level = h ? h[1].length : Number(plain![1]);
      const text = (h ? h[2] : plain![2]).replace(/\s+/g, ' ').trim();
      blocks.push({ type: 'heading', level, text });
    } else if (!line.trim()) flush();
    else para.push(line);
  }
  flush();
  return blocks;
}

/** Blocks back to text (Markdown-like): what tests and people read as "the cleaned text". */
export function renderBlocks(blocks: Block[]): string {
  return blocks.map((b) => (b.type === 'heading' ? `${'#'.repeat(b.level)} ${b.text}` : b.text)).join('\n\n');
}

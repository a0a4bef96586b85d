import { ITEM_MARKER, normaliseText, splitSentences, type Passage } from '../passages.ts';
import { acronymExpansions } from './acronyms.ts';

/** What shape of text a candidate is: it changes how much context it needs to make sense. */
export type CandidateKind = 'sentence' | 'item' | 'row' | 'heading' | 'acronym' | 'list';

/** A piece of a passage that can hold an answer, quoted whole (never cut through). */
export interface Candidate {
  passage: Passage;
  kind: CandidateKind;
  /** Position among the passage's candidates (stable order for tie-breaks). */
  index: number;
  /** What gets quoted: the sentence, the item with its lead-in line, the row with its header. */
  text: string;
  /** The heading or lead-in line the candidate sits under ("" when none). */
  lead: string;
  /** The candidates just before and after it in the passage (their text). */
  around: string[];
  /** A list's items, each as written (a list can be quoted by the items' first words). */
  items?: string[];
}

const ITEM = new RegExp(String.raw`^\s*${ITEM_MARKER}\s+`, 'u');
const TABLE_SEPARATOR = /^\|?[\s:|-]+\|?$/;

/**
 * A short line with no closing punctuation that introduces what follows ("Soluzioni standard"), or
 * a marked heading ("### Quali sono i servizi attivabili?": a FAQ's question heads its answer).
 */
export function isHeading(line: string): boolean {
  if (/^#{1,6}\s+\S/.test(line.trim())) return true;
  const t = line.trim().replace(/^#+\s*/, '');
  return t.length > 0 && t.length <= 90 && !/[.!?;,:]$/.test(t) && t.split(/\s+/).length <= 12 && !ITEM.test(line) && !t.startsWith('|');
}

function cells(row: string): string[] {
  return row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
}

/** A table row read with its header: "Misura: 1.4.1; Importo: 613 milioni". */
function rowText(header: string[] | null, row: string[]): string {
  if (!header || header.length !== row.length) return row.filter(Boolean).join('; ');
  return row.map((c, i) => (header[i] && c ? `${header[i]}: ${c}` : c)).filter(Boolean).join('; ');
}

/**
 * The lines of a passage, a table's rows gathered: a row is a line of cells ("| 1.1 | 900 milioni |")
 * or, as text taken from PDF and web pages often has it, a block of one-cell lines ("| Comune" under
 * "| Soggetto Attuatore") ended by a blank line. A "table" of one cell is a plain paragraph.
 */
type Line = { text: string; leadsList?: boolean } | { cells: string[] };

/** An enumeration's markers inside a line: "a) ... b) ...", "1) ... 2) ...", "i) ... ii) ...". */
const INLINE_MARKER = /(?:^|\s)([a-z]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)\s+/gu;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

/** Do the markers count up from one, as numbers, letters or roman numerals ("i) ii) iii)", not "a) i)")? */
function countsUp(marks: string[]): boolean {
  const as = (value: (m: string) => number | undefined) => marks.every((m, i) => value(m) === i + 1);
  return as((m) => (/\d/.test(m) ? Number(m) : undefined)) || as((m) => (m.length === 1 ? m.charCodeAt(0) - 96 : undefined)) || as((m) => ROMAN[m]);
}

/**
 * A list written on one line ("quattro ambiti di intervento: a) mini-idroelettrico b) biogas c) ..."),
 * as PDF text often has it: the words before it, its items, and what follows the last item's
 * sentence. Markers must count up from "a", "1" or "i" ("a) b) c)"), so a stray "e)" is no list.
 */
function inlineList(line: string): Line[] | null {
  const markers = [...line.matchAll(INLINE_MARKER)];
  if (markers.length < 2) return null;
  if (!countsUp(markers.map((m) => m[1]))) return null;
  // "1) formazione, 2) ricerca e 3) impresa": the commas and the "and" between items are no part of them.
  const items = markers.map((m, i) => line.slice(m.index + m[0].length, markers[i + 1]?.index ?? line.length).trim().replace(/(?:[,;]|\s+(?:e|ed|o|and|or))$/u, ''));
  // The last item ends with its sentence; what follows is running text again.
  const tail = /^(.*?[.!?])\s+(\p{Lu}.*)$/u.exec(items[items.length - 1]);
  if (tail) items[items.length - 1] = tail[1];
  const lead = line.slice(0, markers[0].index).trim();
  return [...(lead ? [{ text: lead, leadsList: true }] : []), ...items.map((item) => ({ text: `- ${item}` })), ...(tail ? [{ text: tail[2] }] : [])];
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let block: string[] | null = null;
  const closeBlock = () => {
    if (block) out.push(block.filter(Boolean).length > 1 ? { cells: block } : { text: block.join(' ') });
    block = null;
  };
  for (const raw of normaliseText(text).split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('|')) closeBlock();
    if (!line) continue;
    if (!line.startsWith('|')) {
      out.push(...(inlineList(line) ?? [{ text: line }]));
      continue;
    }
    if (TABLE_SEPARATOR.test(line) && line.includes('-')) continue;
    const cs = cells(line);
    if (cs.length > 1) {
      closeBlock();
      out.push({ cells: cs });
    } else {
      block = block ?? [];
      block.push(cs[0]);
    }
  }
  closeBlock();
  return out;
}

/** The sentence that introduces a list: the last one of its lead-in line ("...sono di tre tipologie:"). */
function leadInOf(line: string): string {
  const sentences = splitSentences(line);
  return (sentences[sentences.length - 1] ?? line).replace(/\s*:\s*$/, ':');
}

/** A candidate without its passage: what the passage's text alone decides. */
type Draft = Omit<Candidate, 'passage'>;

/**
 * Passages whose candidates are remembered: the same chunks come back question after question,
 * and a question's search and answer read the same ones (the reader's other memos hold 1,000).
 */
const PASSAGES_REMEMBERED = 1_000;
const known = new Map<string, readonly Draft[]>();

/**
 * Splits a passage into answer candidates: sentences, list items with the line that introduces
 * them, whole lists with that line, table rows with their header, headings with the first line
 * under them, and acronyms with the words they stand for (read with the sentence that expands them).
 */
export function candidatesOf(passage: Passage): Candidate[] {
  let drafts = known.get(passage.text);
  if (!drafts) {
    drafts = draftsOf(passage.text);
    if (known.size >= PASSAGES_REMEMBERED) known.clear();
    known.set(passage.text, drafts);
  }
  return drafts.map((d) => ({ passage, ...d }));
}

function draftsOf(text: string): Draft[] {
  const lines = linesOf(text);
  const drafts: { kind: CandidateKind; text: string; lead: string }[] = [];
  let heading = '';
  let leadIn = '';
  let header: string[] | null = null;
  // A list read whole (its lead-in and every item): what "which are...?" asks for.
  const lists: { text: string; lead: string; items: string[] }[] = [];
  let list: { lead: string; items: string[] } | null = null;
  const closeList = () => {
    if (list && list.items.length > 1) lists.push({ text: `${list.lead ? `${list.lead.replace(/:$/, '')}: ` : ''}${list.items.join('; ')}`, lead: list.lead, items: list.items });
    list = null;
  };
  lines.forEach((l, i) => {
    if (!('text' in l) || !ITEM.test(l.text)) closeList();
    if ('cells' in l) {
      if (!header) header = l.cells;
      else drafts.push({ kind: 'row', text: rowText(header, l.cells), lead: heading });
      return;
    }
    header = null;
    const line = l.text;
    if (ITEM.test(line)) {
      const item = line.replace(ITEM, '');
      const lead = leadIn || heading;
      if (!list) list = { lead, items: [] };
      list.items.push(item.replace(/[;.,]\s*$/, ''));
      drafts.push({ kind: 'item', text: lead && lead !== heading ? `${lead} ${item}` : item, lead });
      return;
    }
    const next = lines[i + 1];
    if (isHeading(line) && next && !l.leadsList) {
      heading = line.replace(/^#+\s*/, '');
      leadIn = '';
      if ('text' in next && !isHeading(next.text)) {
        drafts.push({ kind: 'heading', text: `${heading}${/[?:.!]$/.test(heading) ? '' : ':'} ${splitSentences(next.text.replace(ITEM, ''))[0] ?? next.text}`, lead: '' });
      }
      return;
    }
    const sentences = splitSentences(line);
    for (const s of sentences) drafts.push({ kind: 'sentence', text: s, lead: heading });
    leadIn = /:\s*$/.test(line) || l.leadsList ? leadInOf(line) : '';
  });
  closeList();
  const candidates: Draft[] = drafts.map((d, index) => ({
    kind: d.kind,
    index,
    text: d.text,
    lead: d.lead,
    around: [drafts[index - 1]?.text, drafts[index + 1]?.text].filter((x): x is string => !!x),
  }));
  for (const l of lists) candidates.push({ kind: 'list', index: candidates.length, text: l.text, lead: l.lead, around: [], items: l.items });
  const seen = new Set<string>();
  for (const d of drafts) {
    for (const e of acronymExpansions(d.text)) {
      if (seen.has(e.text)) continue;
      seen.add(e.text);
      candidates.push({ kind: 'acronym', index: candidates.length, text: e.text, lead: d.lead, around: [d.text] });
    }
  }
  return candidates;
}

import { normaliseText, splitSentences, type Passage } from '../passages.ts';
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
}

const ITEM = /^\s*(?:[-*•–]|\d{1,2}[.)])\s+/u;
const TABLE_SEPARATOR = /^\|?[\s:|-]+\|?$/;

/** A short line with no closing punctuation that introduces what follows ("Soluzioni standard"). */
export function isHeading(line: string): boolean {
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
  const lines = normaliseText(text)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const drafts: { kind: CandidateKind; text: string; lead: string }[] = [];
  let heading = '';
  let leadIn = '';
  let header: string[] | null = null;
  // A list read whole (its lead-in and every item): what "which are...?" asks for.
  const lists: { text: string; lead: string }[] = [];
  let list: { lead: string; items: string[] } | null = null;
  const closeList = () => {
    if (list && list.items.length > 1) lists.push({ text: `${list.lead ? `${list.lead.replace(/:$/, '')}: ` : ''}${list.items.join('; ')}`, lead: list.lead });
    list = null;
  };
  lines.forEach((line, i) => {
    if (!ITEM.test(line)) closeList();
    if (line.startsWith('|')) {
      if (TABLE_SEPARATOR.test(line)) return;
      const row = cells(line);
      if (!header) header = row;
      else drafts.push({ kind: 'row', text: rowText(header, row), lead: heading });
      return;
    }
    header = null;
    if (ITEM.test(line)) {
      const item = line.replace(ITEM, '');
      const lead = leadIn || heading;
      if (!list) list = { lead, items: [] };
      list.items.push(item.replace(/[;.,]\s*$/, ''));
      drafts.push({ kind: 'item', text: lead && lead !== heading ? `${lead} ${item}` : item, lead });
      return;
    }
    if (isHeading(line) && i < lines.length - 1) {
      heading = line.replace(/^#+\s*/, '');
      leadIn = '';
      const next = lines[i + 1];
      if (!isHeading(next) && !next.startsWith('|')) {
        drafts.push({ kind: 'heading', text: `${heading}: ${splitSentences(next.replace(ITEM, ''))[0] ?? next}`, lead: '' });
      }
      return;
    }
    const sentences = splitSentences(line);
    for (const s of sentences) drafts.push({ kind: 'sentence', text: s, lead: heading });
    leadIn = /:\s*$/.test(line) ? line.replace(/\s*:\s*$/, ':') : '';
  });
  closeList();
  const candidates: Draft[] = drafts.map((d, index) => ({
    kind: d.kind,
    index,
    text: d.text,
    lead: d.lead,
    around: [drafts[index - 1]?.text, drafts[index + 1]?.text].filter((x): x is string => !!x),
  }));
  for (const l of lists) candidates.push({ kind: 'list', index: candidates.length, text: l.text, lead: l.lead, around: [] });
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

import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { endsWithAbbreviation } from '../src/core/abbreviations.ts';
import type { Lang } from '../src/core/types.ts';
import type { Block, ChunkDraft } from './types.ts';

/**
 * Structure-aware splitting: sections (heading paths) first, then paragraphs, lines and sentences.
 * A sentence is never cut unless it alone exceeds the limit; small sections are merged with the
 * next one so no chunk is a bare fragment; consecutive chunks of one section share their boundary
 * sentence, so a fact stated across a cut is still whole in one of them.
 */
export interface SplitOptions {
  title: string;
  language: Lang;
  maxChars?: number;
  minChars?: number;
  /** The longest boundary sentence repeated at the start of the next chunk. */
  overlapChars?: number;
}

interface Unit {
  text: string;
  /** How the unit attaches to the one before it. */
  join: '\n\n' | '\n' | ' ';
}


export function splitSentences(text: string, language: Lang): string[] {
  const seg = new Intl.Segmenter(language, { granularity: 'sentence' });
  const out: string[] = [];
  for (const { segment } of seg.segment(text)) {
    if (out.length && endsWithAbbreviation(out[out.length - 1])) out[out.length - 1] += segment;
    else out.push(segment);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

async function unitsOf(paragraph: string, o: Required<Omit<SplitOptions, 'title'>>, fallback: RecursiveCharacterTextSplitter): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const [li, line] of paragraph.split('\n').entries()) {
    const lineJoin: Unit['join'] = li === 0 ? '\n\n' : '\n';
    const pieces = line.length <= o.maxChars * 0.6 ? [line] : splitSentences(line, o.language);
    for (const [si, sentence] of pieces.entries()) {
      const join = si === 0 ? lineJoin : ' ';
      if (sentence.length <= o.maxChars) units.push({ text: sentence, join });
      else {
        // A "sentence" longer than a chunk (a table flattened to text, a list with no stops).
        const parts = await fallback.splitText(sentence);
        parts.forEach((p, pi) => {
          units.push({ text: p.trim(), join: pi === 0 ? join : ' ' });
        });
      }
    }
  }
  return units;
}

export async function splitBlocks(blocks: Block[], opts: SplitOptions): Promise<ChunkDraft[]> {
  const o = { maxChars: 1500, minChars: 300, overlapChars: 300, ...opts };
  const fallback = new RecursiveCharacterTextSplitter({
    chunkSize: o.maxChars,
    chunkOverlap: 0,
    separators: ['; ', ', ', ' ', ''],
  });
  const chunks: ChunkDraft[] = [];
  const path: { level: number; text: string }[] = [];
  let sections: string[] = [];
  let units: Unit[] = [];
  let len = 0;
  const render = (us: Unit[]) => us.map((u, i) => (i === 0 ? u.text : u.join + u.text)).join('');
  const emit = () => {
    if (units.length) chunks.push({ ord: chunks.length, title: o.title, section: sections.join(' | '), text: render(units) });
    units = [];
    len = 0;
  };
  const add = (u: Unit, section: string) => {
    const cost = u.text.length + (units.length ? u.join.length : 0);
    if (units.length && len + cost > o.maxChars) {
      // An introduction ending in ":" and the short items after it (a list) move to the next chunk
      // together, rather than leaving the list cut off from what it introduces.
      let intro = -1;
      for (let j = units.length - 1; j >= 1 && units[j].text.length <= 200; j--) if (/:\s*$/.test(units[j].text)) intro = j;
      const tail = intro > 0 ? units.slice(intro) : [];
      const tailLen = render(tail).length;
      if (tail.length && render(units.slice(0, intro)).length >= o.minChars && tailLen + cost <= o.maxChars) {
        units = units.slice(0, intro);
        emit();
        sections = [section];
        units = [{ ...tail[0], join: '\n\n' }, ...tail.slice(1)];
        len = tailLen;
      } else {
        const last = units[units.length - 1];
        emit();
        sections = [section];
        // The boundary sentence opens the next chunk too.
        if (last.text.length <= o.overlapChars && last.text.length + u.text.length + 1 <= o.maxChars) {
          units.push({ ...last, join: '\n\n' });
          len = last.text.length;
        }
      }
    }
    if (!units.length) sections = [section];
    else if (!sections.includes(section)) sections = [...sections.filter(Boolean), section];
    units.push(units.length ? u : { ...u, join: '\n\n' });
    len += units.length === 1 ? u.text.length : cost;
  };
  let pendingHeading: string | null = null;
  for (const b of blocks) {
    if (b.type === 'heading') {
      while (path.length && path[path.length - 1].level >= b.level) path.pop();
      path.push({ level: b.level, text: b.text });
      // A section change closes the chunk unless what it holds is too small to stand alone.
      if (len >= o.minChars) emit();
      pendingHeading = b.text;
      continue;
    }
    // The document's own title heading is already the chunk's title: the section starts below it.
    const section = path
      .filter((p, i) => !(i === 0 && p.text === o.title))
      .map((p) => p.text)
      .join(' > ');
    const paraUnits = await unitsOf(b.text, o, fallback);
    if (pendingHeading !== null && units.length) {
      // Merged into a small preceding chunk: keep the heading visible inside the text.
      // Its own paragraph, so no reader runs it into the first sentence.
      paraUnits.unshift({ text: pendingHeading, join: '\n\n' });
    }
    pendingHeading = null;
    for (const u of paraUnits) add(u, section);
  }
  emit();
  // A short tail joins the chunk before it when both fit.
  if (chunks.length >= 2) {
    const last = chunks[chunks.length - 1];
    const prev = chunks[chunks.length - 2];
    if (last.text.length < o.minChars && prev.text.length + last.text.length + 2 <= o.maxChars) {
      prev.text = `${prev.text}\n\n${last.text}`;
      if (last.section !== prev.section) prev.section = [...new Set([...prev.section.split(' | '), ...last.section.split(' | ')])].filter(Boolean).join(' | ');
      chunks.pop();
    }
  }
  return chunks.map((c) => ({ ...c, section: c.section.replace(/^\s*\|\s*|\s*\|\s*$/g, '') }));
}

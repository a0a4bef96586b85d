import type { Citation } from '../types.ts';
import type { Passage } from './passages.ts';

const QUOTE_CHARS = 220;
const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= QUOTE_CHARS ? t : `${t.slice(0, QUOTE_CHARS - 1)}…`;
}

/**
 * Maps a model's [n] markers to citations, renumbered in order of first use. Markers naming a
 * passage the model was not given are removed, and a sentence whose every marker was such (a
 * claim resting on nothing it was given) is removed with them. One mapper serves a whole answer,
 * taken at once or sentence by sentence as it streams, so both give the same text.
 */
export class CitationMapper {
  readonly citations: Citation[] = [];
  readonly invalid: number[] = [];
  private readonly byN: Map<number, Passage>;
  private readonly renumber = new Map<number, number>();

  constructor(passages: Passage[]) {
    this.byN = new Map(passages.map((p) => [p.n, p]));
  }

  /** One sentence (or any piece holding whole markers): its checked text, '' when it is dropped. */
  sentence(text: string): string {
    let markers = 0;
    let valid = 0;
    const out = text.replace(MARKER, (_, list: string) => {
      const kept: number[] = [];
      for (const raw of list.split(',')) {
        markers += 1;
        const n = Number(raw.trim());
        const p = this.byN.get(n);
        if (!p) {
          this.invalid.push(n);
          continue;
        }
        valid += 1;
        let m = this.renumber.get(n);
        if (m === undefined) {
          m = this.citations.length + 1;
          this.renumber.set(n, m);
          this.citations.push({ n: m, source: p.source, title: p.title, section: p.section, quote: quote(p.text) });
        }
        if (!kept.includes(m)) kept.push(m);
      }
      return kept.map((m) => `[${m}]`).join('');
    });
    if (markers > 0 && valid === 0) return '';
    return out.replace(/[ \t]+([.,;:])/g, '$1').replace(/[ \t]{2,}/g, ' ');
  }

  /** A whole answer, sentence by sentence. */
  all(text: string): string {
    const splitter = new SentenceSplitter();
    const parts = [...splitter.push(text), splitter.rest()].map((s) => this.sentence(s));
    return parts.join('').replace(/\n{3,}/g, '\n\n').trim();
  }
}

/**
 * Cuts text arriving in pieces into sentences (ending after . ! ? and the whitespace that follows,
 * or at a line break), never inside a citation marker: what a checked stream can show at once.
 */
export class SentenceSplitter {
  private buffer = '';

  push(piece: string): string[] {
    this.buffer += piece;
    const out: string[] = [];
    const boundary = /[.!?]["»”)]*[ \t]+|\n+/g;
    let start = 0;
    for (let m = boundary.exec(this.buffer); m; m = boundary.exec(this.buffer)) {
      const end = m.index + m[0].length;
      // A boundary that the whole buffer ends on may still grow ("[1" ... "]"): wait for more.
      if (end === this.buffer.length && !m[0].includes('\n')) break;
      const candidate = this.buffer.slice(start, end);
      if (/\[[\d,\s]*$/.test(candidate)) continue;
      out.push(candidate);
      start = end;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** What is left when the text is complete. */
  rest(): string {
    const r = this.buffer;
    this.buffer = '';
    return r;
  }
}

import type { Answer, Citation } from '../types.ts';
import { stems } from '../embedding/analyze.ts';
import type { QueryAnalysis } from '../retrieval/query.ts';
import { isSufficient, matchesAnswerType, scoreSentences, type ScoredSentence } from './evidence.ts';
import type { Passage } from './passages.ts';
import { framing, PHRASES } from './phrases.ts';
import type { AnswerWriter, WriterInput } from './writer.ts';

/** Longest quoted sentence; longer ones are cut to the window that holds the answer. */
const MAX_SENTENCE = 300;
const MAX_ANSWER_BODY = 480;
const QUOTE_CHARS = 220;
const TAIL_KEPT = 80;

/**
 * The default writer: the best sentences of the best passages, quoted with numbered citations
 * behind a short framing sentence in the question's language; abstains when the evidence is weak.
 */
export class ExtractiveWriter implements AnswerWriter {
  readonly name = 'extractive';

  async write({ analysis: q, passages }: WriterInput): Promise<Answer> {
    const updates = passages.filter((p) => p.kind === 'update');
    const documents = passages.filter((p) => p.kind !== 'update');
    const scored = scoreSentences(q, documents).sort((a, b) => b.score - a.score);
    const best = scored.find((s) => isSufficient(s, q));
    if (updates.length) return withUpdates(q, updates, best);
    if (!best) return abstain(q, passages);

    const chosen: ScoredSentence[] = [best];
    // A second sentence when it adds to the first: nearly as good, and short enough to fit.
    const second = scored.find(
      (s) => s !== best && isSufficient(s, q) && s.score >= 0.75 * best.score && !(s.passage === best.passage && s.index === best.index) && s.text !== best.text,
    );
    if (second) chosen.push(second);
    const maxChars = chosen.length > 1 ? MAX_ANSWER_BODY / 2 : MAX_SENTENCE;

    const citations: Citation[] = [];
    const byPassage = new Map<number, number>();
    const numberOf = (p: Passage): number => {
      let n = byPassage.get(p.n);
      if (n === undefined) {
        n = citations.length + 1;
        byPassage.set(p.n, n);
        citations.push({ n, source: p.source, title: p.title, section: p.section, quote: '' });
      }
      return n;
    };
    const body = chosen
      .map((s) => {
        const text = trimToAnswer(withList(s, maxChars * 2), q, maxChars, s.weights);
        const n = numberOf(s.passage);
        const cit = citations[n - 1];
        if (!cit.quote) cit.quote = shorten(text, QUOTE_CHARS);
        return `${text} [${n}]`;
      })
      .join(' ');
    const about = q.projects[0]?.name ?? null;
    return {
      answer: `${framing(q.lang, q.intent, about)} ${body}`,
      abstained: false,
      intent: q.intent,
      language: q.lang,
      citations,
    };
  }
}

/** A status answer: the latest logged updates first, then the best document sentence if any. */
function withUpdates(q: QueryAnalysis, updates: Passage[], best: ScoredSentence | undefined): Answer {
  const citations: Citation[] = [];
  const parts: string[] = [];
  for (const u of updates) {
    const n = citations.length + 1;
    citations.push({ n, source: u.source, title: u.title, section: u.section, quote: shorten(u.text, QUOTE_CHARS) });
    parts.push(`${u.text.trim()} [${n}]`);
  }
  if (best) {
    const n = citations.length + 1;
    const text = trimToAnswer(best.text, q, MAX_SENTENCE, best.weights);
    citations.push({ n, source: best.passage.source, title: best.passage.title, section: best.passage.section, quote: shorten(text, QUOTE_CHARS) });
    parts.push(`${text} [${n}]`);
  }
  const about = q.projects[0]?.name ?? null;
  return { answer: `${framing(q.lang, 'status', about)} ${parts.join(' ')}`, abstained: false, intent: q.intent, language: q.lang, citations };
}

/** A sentence that introduces a list ("...the following actions:") is completed by the list. */
function withList(s: ScoredSentence, max: number): string {
  let text = s.text;
  if (!/:\s*$/.test(text)) return text;
  for (const next of s.following) {
    if (text.length >= max) break;
    text = `${text} ${next}`;
  }
  return text;
}

/** "I don't know", with the closest sources so the person can look for themselves. */
export function abstain(q: QueryAnalysis, passages: Passage[]): Answer {
  const closest = passages.slice(0, 3);
  const citations: Citation[] = closest.map((p, i) => ({
    n: i + 1,
    source: p.source,
    title: p.title,
    section: p.section,
    quote: shorten(p.text.replace(/\s+/g, ' '), 160),
  }));
  const answer = closest.length ? `${PHRASES.dontKnow[q.lang]} ${PHRASES.closest[q.lang]} ${citations.map((c) => `[${c.n}]`).join(' ')}` : PHRASES.dontKnow[q.lang];
  return { answer, abstained: true, intent: q.intent, language: q.lang, citations };
}

function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/**
 * A long sentence (PDF text often has run-ons) is cut to the window of words that holds the most
 * of the question, preferring windows that also hold the kind of thing asked for.
 */
export function trimToAnswer(text: string, q: QueryAnalysis, max = MAX_SENTENCE, weights?: Map<string, number>): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const tokens = t.split(' ');
  const wanted = weights ?? new Map(q.concepts.flatMap((c) => c.stems.map((s) => [s, 1] as const)));
  const weight = tokens.map((tok) => Math.max(0, ...stems(tok).map((s) => wanted.get(s) ?? 0)));
  let bestStart = 0;
  let bestEnd = tokens.length;
  let bestScore = -1;
  for (let start = 0; start < tokens.length; start++) {
    let len = 0;
    let end = start;
    let score = 0;
    while (end < tokens.length && len + tokens[end].length + 1 <= max) {
      len += tokens[end].length + 1;
      score += weight[end];
      end++;
    }
    const window = tokens.slice(start, end).join(' ');
    const total = score + (matchesAnswerType(window, q.answerType) ? 1.5 : 0);
    if (total > bestScore) {
      bestScore = total;
      bestStart = start;
      bestEnd = end;
    }
    if (end >= tokens.length) break;
  }
  // A short rest of the sentence is kept rather than cut (it often holds the name or the figure).
  if (tokens.slice(bestEnd).join(' ').length <= TAIL_KEPT) bestEnd = tokens.length;
  if (tokens.slice(0, bestStart).join(' ').length <= TAIL_KEPT / 2) bestStart = 0;
  return `${bestStart > 0 ? '… ' : ''}${tokens.slice(bestStart, bestEnd).join(' ')}${bestEnd < tokens.length ? ' …' : ''}`;
}

import type { Answer, Citation } from '../types.ts';
import type { QueryAnalysis } from '../retrieval/query.ts';
import type { Passage } from './passages.ts';
import { t } from '../texts/index.ts';
import { framing } from './phrases.ts';
import { read, type ScoredCandidate } from './reader/reader.ts';
import { inEnglish } from './in-english.ts';
import { answerSpan, quoteAround } from './reader/span.ts';
import type { AnswerWriter, WriterInput } from './writer.ts';

/** Longest quote of one candidate; longer ones are cut around the answer, never through it. */
const MAX_QUOTE = 300;
const QUOTE_CHARS = 220;
/** A second candidate is quoted when it is nearly as likely and the answer is not one figure or name. */
const SECOND_SHARE = 0.75;
const SHORT_ANSWER_TYPES = new Set(['number', 'money', 'share', 'duration', 'date', 'frequency', 'person', 'organisation', 'place']);

/**
 * The default writer: the reader's best candidate of the passages, quoted with a numbered
 * citation behind a short framing sentence in the question's language (the asked-for figure,
 * date or name first); abstains when the fitted reader is not confident.
 */
export class ExtractiveWriter implements AnswerWriter {
  readonly name = 'extractive';

  async write({ analysis: q, passages }: WriterInput): Promise<Answer> {
    const updates = passages.filter((p) => p.kind === 'update');
    const documents = passages.filter((p) => p.kind !== 'update');
    const reading = read(q, documents);
    const best = reading.abstain ? undefined : reading.ranked[0];
    if (updates.length) return withUpdates(q, updates, best);
    if (!best) return abstain(q, passages);

    const chosen: ScoredCandidate[] = [best];
    const second = SHORT_ANSWER_TYPES.has(q.answerType)
      ? undefined
      : reading.ranked.find((s) => s !== best && s.p >= SECOND_SHARE * best.p && s.candidate.text !== best.candidate.text && !best.candidate.text.includes(s.candidate.text));
    if (second) chosen.push(second);
    const max = chosen.length > 1 ? MAX_QUOTE * 0.8 : MAX_QUOTE;

    const citations: Citation[] = [];
    const numberOf = (p: Passage): number => {
      const known = citations.find((c) => c.source === p.source && c.section === p.section && c.title === p.title);
      if (known) return known.n;
      citations.push({ n: citations.length + 1, source: p.source, title: p.title, section: p.section, quote: '' });
      return citations.length;
    };
    const span = answerSpan(best.candidate.text, q);
    const body = chosen
      .map((s, i) => {
        const text = quoteAround(s.candidate.text, i === 0 ? span : answerSpan(s.candidate.text, q), max);
        const n = numberOf(s.candidate.passage);
        const cit = citations[n - 1];
        if (!cit.quote) cit.quote = shorten(text, QUOTE_CHARS);
        return `${text} [${n}]`;
      })
      .join(' ');
    const about = q.projects[0]?.name ?? null;
    const lead = span && SHORT_ANSWER_TYPES.has(q.answerType) ? `${t(q.lang, 'answer.inShort', { answer: q.lang === 'en' ? inEnglish(span.text) : span.text })} ` : '';
    return {
      answer: `${lead}${framing(q.lang, q.intent, about)} ${body}`,
      abstained: false,
      intent: q.intent,
      language: q.lang,
      citations,
    };
  }
}

/** A status answer: the latest logged updates first, then the best document candidate if any. */
function withUpdates(q: QueryAnalysis, updates: Passage[], best: ScoredCandidate | undefined): Answer {
  const citations: Citation[] = [];
  const parts: string[] = [];
  for (const u of updates) {
    const n = citations.length + 1;
    citations.push({ n, source: u.source, title: u.title, section: u.section, quote: shorten(u.text, QUOTE_CHARS) });
    parts.push(`${u.text.trim()} [${n}]`);
  }
  if (best) {
    const n = citations.length + 1;
    const p = best.candidate.passage;
    const text = quoteAround(best.candidate.text, answerSpan(best.candidate.text, q), MAX_QUOTE);
    citations.push({ n, source: p.source, title: p.title, section: p.section, quote: shorten(text, QUOTE_CHARS) });
    parts.push(`${text} [${n}]`);
  }
  const about = q.projects[0]?.name ?? null;
  return { answer: `${framing(q.lang, 'status', about)} ${parts.join(' ')}`, abstained: false, intent: q.intent, language: q.lang, citations };
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
  const answer = closest.length ? `${t(q.lang, 'answer.dontKnow')} ${t(q.lang, 'answer.closest')} ${citations.map((c) => `[${c.n}]`).join(' ')}` : t(q.lang, 'answer.dontKnow');
  return { answer, abstained: true, intent: q.intent, language: q.lang, citations };
}

export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

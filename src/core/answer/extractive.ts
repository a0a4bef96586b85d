import type { Answer, Citation } from '../types.ts';
import { askedPhrase, type QueryAnalysis } from '../retrieval/query.ts';
import type { Passage } from './passages.ts';
import { t } from '../texts/index.ts';
import { framing } from './phrases.ts';
import { read, type ScoredCandidate } from './reader/reader.ts';
import { inEnglish } from './in-english.ts';
import { answerSpan, quoteAround } from './reader/span.ts';
import type { TypeMatch } from './reader/answer-types.ts';
import { fold } from '../language.ts';
import type { AnswerWriter, WriterInput } from './writer.ts';

/** Longest quote of one candidate; longer ones are cut around the answer, never through it. */
const MAX_QUOTE = 400;
/** What the quotes of an answer may take together: a second quote gets what the first leaves, when that is enough to say something. */
const QUOTES_TOTAL = 520;
const SECOND_MIN = 120;
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

    const span = answerSpan(best.candidate.text, q);
    const first = quoteOf(best, span, MAX_QUOTE, q);
    const quoted: { s: ScoredCandidate; text: string; span: TypeMatch | null }[] = [{ s: best, text: first, span }];
    const second = SHORT_ANSWER_TYPES.has(q.answerType)
      ? undefined
      : reading.ranked.find((s) => s !== best && s.p >= SECOND_SHARE * best.p && s.candidate.text !== best.candidate.text && !best.candidate.text.includes(s.candidate.text));
    if (second && QUOTES_TOTAL - first.length >= SECOND_MIN) {
      const secondSpan = answerSpan(second.candidate.text, q);
      quoted.push({ s: second, text: quoteOf(second, secondSpan, QUOTES_TOTAL - first.length, q), span: secondSpan });
    }

    const citations: Citation[] = [];
    const numberOf = (p: Passage): number => {
      const known = citations.find((c) => c.source === p.source && c.section === p.section && c.title === p.title);
      if (known) return known.n;
      citations.push({ n: citations.length + 1, source: p.source, title: p.title, section: p.section, quote: '' });
      return citations.length;
    };
    const body = quoted
      .map(({ s, text, span: at }) => {
        const n = numberOf(s.candidate.passage);
        const cit = citations[n - 1];
        // The citation's quote is cut as the answer's is: around the answer, never through it.
        if (!cit.quote) cit.quote = quoteOf(s, at, QUOTE_CHARS, q);
        return `${text} [${n}]`;
      })
      .join(' ');
    const about = q.projects[0]?.name ?? null;
    const lead = span && typeIsClear(q) && spanIsClear(span, q) ? `${t(q.lang, 'answer.inShort', { answer: q.lang === 'en' ? inEnglish(span.text) : span.text })} ` : '';
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
    const span = answerSpan(best.candidate.text, q);
    const text = quoteOf(best, span, MAX_QUOTE, q);
    citations.push({ n, source: p.source, title: p.title, section: p.section, quote: quoteOf(best, span, QUOTE_CHARS, q) });
    parts.push(`${text} [${n}]`);
  }
  const about = q.projects[0]?.name ?? null;
  return { answer: `${framing(q.lang, 'status', about)} ${parts.join(' ')}`, abstained: false, intent: q.intent, language: q.lang, citations };
}

/**
 * Is the kind of thing asked for clear enough to be given on its own ("In short: 31 March 2026")?
 * A figure, a date or a name is; a bare "quando/when" about when something counts as done asks for
 * a condition ("quando un progetto si considera completato?"), not a date.
 */
function typeIsClear(q: QueryAnalysis): boolean {
  if (!SHORT_ANSWER_TYPES.has(q.answerType)) return false;
  if (q.answerType !== 'date') return true;
  const asked = askedPhrase(q.question);
  const folded = fold(q.question);
  const bareWhen = !!asked && /^(?:quando|when)$/.test(folded.slice(asked.start, asked.end));
  // "which standard is required when a town adopts SPID?": the "when" opens a clause; another word asks.
  const clause = bareWhen && /^\W*(?:which|what|who|how|where|why|quale|quali|cosa|che cosa|chi|come|dove|perche)\b/.test(folded.slice(0, asked.start));
  return !(bareWhen && (CONDITION.test(folded) || clause));
}

/**
 * Is the found thing one a person can be given on its own? A person is named by words, not by a
 * bare acronym ("SPID", "PA") or a word after an article ("Il Comitato"): those stay in the quote.
 */
function spanIsClear(span: TypeMatch, q: QueryAnalysis): boolean {
  if (q.answerType !== 'person') return true;
  return !/^\p{Lu}[\p{Lu}\d]*$/u.test(span.text) && !/^(?:il|lo|la|i|gli|le|l'|un|una|the|a|an)\s/iu.test(span.text);
}

/** A state something is said to be in: what a "when" asks the condition of. */
const CONDITION = /\b(?:si (?:considera|considerano|intende|intendono|ritiene|ritengono|ritiene|riterra|puo considerare)|(?:e|sono|viene|vengono) (?:considerat[oaie]|ritenut[oaie])|(?:is|are) (?:considered|deemed|regarded)|counts? as)\b/;

/** A list quoted whole when it fits; else each item by its first words, the item holding the answer whole. */
function quoteOf(s: ScoredCandidate, span: TypeMatch | null, max: number, q: QueryAnalysis): string {
  const c = s.candidate;
  let text = c.text;
  if (c.kind === 'list' && c.items && text.length > max) {
    const items = c.items.map((item) => (span && item.includes(span.text) ? item : itemHead(item)));
    text = `${c.lead ? `${c.lead.replace(/:$/, '')}: ` : ''}${items.join('; ')}`;
  }
  return quoteAround(text, span, max, q);
}

/** The first words of a list item, up to its first comma, colon or bracket ("strategici, quando ..." -> "strategici …"). */
function itemHead(item: string): string {
  const m = /^(.{3,60}?)(?:,\s|:\s|\s\(|\s[–-]\s)/u.exec(item);
  return m ? `${m[1]} …` : item;
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

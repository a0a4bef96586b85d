import type { AppContext } from '../../app.ts';
import { boundQuestion } from '../text-bounds.ts';
import type { Answer, AskInput } from '../types.ts';
import { analyzeQuery, type QueryAnalysis } from '../retrieval/query.ts';
import { analyzeQuestion } from '../retrieval/corpus-cognates.ts';
import { searchAnalyzed } from '../retrieval/search.ts';
import { ExtractiveWriter } from './extractive.ts';
import { LlmWriter } from './llm.ts';
import { toPassages, type Passage } from './passages.ts';
import { helpExamples } from '../texts/examples.ts';
import { t } from '../texts/index.ts';
import { programmePassages } from './programme-facts.ts';
import { statusPassages } from './status.ts';
import { answerHistoryQuestion } from '../updates/status.ts';
import { answerIndicatorQuestion } from '../indicators/answer.ts';
import type { AnswerWriter, WriterInput } from './writer.ts';
import type { AnswerSink } from './progress.ts';
import { avoidWrong, wrongAnswersFor } from './wrong-answers.ts';

/** How many passages the writers see. */
const PASSAGES = 6;

const writers = new WeakMap<AppContext, AnswerWriter>();

/** The writer this app is configured for: the LLM one (with extractive fallback) when LLM_MODEL is set. */
export function getWriter(app: AppContext): AnswerWriter {
  let writer = writers.get(app);
  if (!writer) {
    const o = app.config.openai;
    const extractive = new ExtractiveWriter();
    writer = o?.llmModel
      ? new LlmWriter({ baseURL: o.baseURL, apiKey: o.apiKey, model: o.llmModel, timeoutMs: o.timeoutMs, fallback: extractive, log: app.log })
      : extractive;
    writers.set(app, writer);
  }
  return writer;
}

/** True when answers are written by a model and stream (the extractive writer answers at once). */
export function answersStream(app: AppContext): boolean {
  return getWriter(app).name === 'llm';
}

/**
 * Answers a question from the documents (and, for the status of a project, its latest logged
 * updates), with numbered citations, in the question's language; abstains when evidence is weak.
 */
export async function ask(app: AppContext, input: AskInput): Promise<Answer> {
  input = { ...input, question: boundQuestion(input.question) };
  const sink = input.sink ? guarded(app, input.sink) : undefined;
  const [gathered, wrong] = await Promise.all([gather(app, { ...input, sink }), wrongAnswersFor(app.db, input.question)]);
  if ('answer' in gathered) return wrong.length ? avoidWrong(gathered, wrong, []) : gathered;
  if (!wrong.length) return getWriter(app).write(gathered, sink);
  // An answer marked wrong for this question must not come back as if fine: write it unseen,
  // then compare (streaming would show it before the comparison).
  return avoidWrong(await getWriter(app).write(gathered), wrong, gathered.passages);
}

/** A channel's progress display never breaks an answer: its errors are logged and dropped. */
function guarded(app: AppContext, sink: AnswerSink): AnswerSink {
  const safe = async (what: string, call: () => Promise<void> | void) => {
    try {
      await call();
    } catch (err) {
      app.log.warn({ err }, `could not show the answer's ${what}`);
    }
  };
  return {
    status: sink.status && ((s, lang) => safe('status', () => sink.status!(s, lang))),
    text: sink.text && ((chunk) => safe('text', () => sink.text!(chunk))),
  };
}

/**
 * What a writer is given for a question: the understood question and its numbered passages
 * (or an answer already, for help, small talk, history of updates and an empty corpus). The
 * reader's fitting script reads questions through here, so it sees what the writers see.
 */
export async function gather(app: AppContext, input: AskInput): Promise<WriterInput | Answer> {
  const programme = await app.programme();
  const q = await analyzeQuestion(app, input.question, programme);
  if (q.intent === 'help' || q.intent === 'smalltalk') {
    return { answer: q.intent === 'help' ? t(q.lang, 'answer.help', helpExamples(programme)) : t(q.lang, 'answer.smalltalk'), abstained: false, intent: q.intent, language: q.lang, citations: [] };
  }
  const now = input.now ?? new Date();
  await input.sink?.status?.({ kind: 'searching' }, q.lang);
  // "how far are we from the broadband target?": the indicator's logged values, not the documents.
  const indicator = await answerIndicatorQuestion(app, input.question, q.lang);
  if (indicator) return indicator;
  // "cosa è successo sulla ZLS a ottobre?", "updates this week": the logged updates, by date. With
  // none logged, a question about a period is answered so; any other goes on to the documents
  // ("what's the history of the consortium?").
  const history = await answerHistoryQuestion(app, input.question, q.lang, now, input.cantiereId ?? null);
  if (history && (history.updates.length || history.period)) {
    return { answer: history.text, abstained: false, intent: 'history', language: q.lang, citations: history.citations };
  }
  const retrievalQuery = withContext(q, input, programme);
  const results = await searchAnalyzed(app, retrievalQuery, { k: PASSAGES, cantiereId: input.cantiereId ?? null, programme });
  let passages: Passage[] = toPassages(results);
  const facts = programmePassages(q, programme);
  if (facts.length) passages = [...facts, ...passages.slice(0, PASSAGES - facts.length)].map((p, i) => ({ ...p, n: i + 1, rank: i + 1 }));
  if (q.intent === 'status' && q.projects.length) {
    const updates = await statusPassages(app, q, now);
    if (updates.length) {
      passages = [...updates, ...passages.slice(0, PASSAGES - 1)].map((p, i) => ({ ...p, n: i + 1, rank: i + 1 }));
    }
  }
  if (!passages.length) {
    return { answer: t(q.lang, 'answer.noDocuments'), abstained: true, intent: q.intent, language: q.lang, citations: [] };
  }
  await input.sink?.status?.({ kind: 'reading', passages: passages.length }, q.lang);
  return { analysis: q, passages };
}

/**
 * A short follow-up ("and the DMO?", "e chi la coordina?") borrows the topic of the previous
 * question for retrieval; the answer stays about the new question.
 */
function withContext(q: QueryAnalysis, input: AskInput, programme: Parameters<typeof analyzeQuery>[1]): QueryAnalysis {
  const previous = [...(input.history ?? [])].reverse().find((t) => t.role === 'user')?.text;
  if (!previous || q.projects.length || q.focus.length || q.terms.length > 4) return q;
  const prev = analyzeQuery(previous, programme);
  return { ...q, searchText: `${q.searchText} ${prev.searchText}`, expansions: [...q.expansions, ...prev.terms, ...prev.expansions] };
}

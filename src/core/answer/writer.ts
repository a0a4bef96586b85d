import type { Answer } from '../types.ts';
import type { QueryAnalysis } from '../retrieval/query.ts';
import type { Passage } from './passages.ts';
import type { AnswerSink } from './progress.ts';

/** What every answer writer gets: the understood question and the numbered passages it may cite. */
export interface WriterInput {
  analysis: QueryAnalysis;
  passages: Passage[];
}

/**
 * Writes an answer from passages. Implementations: extractive (default, answers at once) and LLM
 * (when configured; streams its checked text into `sink.text` when given one).
 */
export interface AnswerWriter {
  readonly name: string;
  write(input: WriterInput, sink?: AnswerSink): Promise<Answer>;
}

import type { Answer } from '../types.ts';
import type { QueryAnalysis } from '../retrieval/query.ts';
import type { Passage } from './passages.ts';

/** What every answer writer gets: the understood question and the numbered passages it may cite. */
export interface WriterInput {
  analysis: QueryAnalysis;
  passages: Passage[];
}

/** Writes an answer from passages. Implementations: extractive (default) and LLM (when configured). */
export interface AnswerWriter {
  readonly name: string;
  write(input: WriterInput): Promise<Answer>;
}

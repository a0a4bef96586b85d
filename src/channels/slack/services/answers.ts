import type { AppContext } from '../../../app.ts';
import { recordAnswer } from '../../../core/answer/record.ts';
import type { Answer } from '../../../core/types.ts';

/** A Slack thread, as stored in `answers.thread_ref`: `<channel>:<thread ts>`. */
export function threadRef(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

export interface AnswerRefs {
  conversationId: string;
  /** Null for answers outside a thread (slash command). */
  threadRef: string | null;
  userId: string;
  question: string;
  latencyMs: number;
}

/** Stores an answer (the answer module's recordAnswer) so feedback and follow-ups can refer to it. */
export function storeAnswer(app: AppContext, answer: Answer, refs: AnswerRefs): Promise<number> {
  return recordAnswer(app, { platform: 'slack', answer, ...refs }).then(Number);
}

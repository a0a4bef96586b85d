import { t } from '../texts/index.ts';
import type { Lang } from '../types.ts';

/** What Regia is doing while it prepares an answer. */
export type WorkStatus = { kind: 'searching' } | { kind: 'reading'; passages: number } | { kind: 'writing' };

/**
 * Where a channel watches an answer being made: status lines while it works, then the answer's
 * text as it is written (checked sentence by sentence: only the LLM writer streams). The final
 * `Answer` still comes back from `ask()`; its text equals what was streamed unless the writer
 * fell back (an error, an abstention), and then the channel shows the final text instead.
 * Every method is optional and may be slow: the core awaits it, and a channel that fails to show
 * progress must swallow the error itself (the answer matters more).
 */
export interface AnswerSink {
  status?(status: WorkStatus, lang: Lang): Promise<void> | void;
  text?(chunk: string): Promise<void> | void;
}

/** A status as a short line in the user's language ("reading 6 passages…"). */
export function statusText(status: WorkStatus, lang: Lang): string {
  if (status.kind === 'reading') return t(lang, 'answer.status.reading', { n: status.passages });
  return t(lang, status.kind === 'searching' ? 'answer.status.searching' : 'answer.status.writing');
}

import type { AppContext } from '../app.ts';
import type { OutboundChannel } from './outbound/channel.ts';
import { ask } from './answer/ask.ts';
import type { Actor, Answer, ChatTurn } from './types.ts';
import type { AnswerSink } from './answer/progress.ts';
import { continueUpdateDialog, startUpdateDialog } from './updates/dialog.ts';
import { pendingDialogReminder } from './updates/dialog/prompts.ts';
import { loadDialog } from './updates/dialog/store.ts';
import { extractUpdateCommand, parseUpdateMessage } from './updates/parse.ts';
import type { UpdateRecord } from './updates/schema.ts';
import { detectLang } from './language.ts';
import { continueIndicatorValueDialog, startIndicatorValueDialog } from './indicators/dialog.ts';

/**
 * One place that decides what a plain chat message is, for every channel:
 * an update command ("@regia update ZLS: ...", "aggiorna ...") is parsed and shown for confirmation;
 * a message inside a dialog in progress continues it; anything else is a question for `ask()`.
 */

export type AssistantReply =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'update_preview'; draft: UpdateRecord; text: string; problems: Record<string, string> }
  | { kind: 'dialog'; text: string; done?: boolean }
  | { kind: 'refused'; text: string };

export interface AssistantMessage {
  actor: Actor;
  /** The conversation (DM, channel thread, console session) the message belongs to. */
  conversationId: string;
  text: string;
  history?: ChatTurn[];
  cantiereId?: string | null;
  now?: Date;
  /** The channel the message came from: a saved update is announced there (none for the console). */
  channel?: OutboundChannel | null;
  /** Where the channel shows progress and the streamed answer (questions only). */
  sink?: AnswerSink;
}

export async function respond(app: AppContext, msg: AssistantMessage): Promise<AssistantReply> {
  const now = msg.now ?? new Date();
  const key = { actor: msg.actor, conversationId: msg.conversationId };
  const command = extractUpdateCommand(msg.text);
  // An indicator value ("broadband: now 92 municipalities"): a preview to confirm, then saved.
  const pendingValue = await continueIndicatorValueDialog(app, key, msg.text, now);
  if (pendingValue) return pendingValue;
  if (command !== '') {
    const text = command ?? msg.text;
    const value = await startIndicatorValueDialog(app, key, text, detectLang(text, (await app.programme())?.language ?? 'it'), now);
    if (value) return value;
  }
  if (command !== null) {
    const programme = await app.programme();
    const lang = detectLang(msg.text, programme?.language ?? 'it');
    if (command === '') {
      // "aggiorna" alone: the whole form, one question at a time.
      return startUpdateDialog(app, key, { lang, source: 'form', askOptional: true, now });
    }
    const parsed = await parseUpdateMessage(app, command, { now, lang });
    return startUpdateDialog(app, key, { lang: detectLang(command, lang), prefill: parsed, source: 'message', sourceText: msg.text, now });
  }
  const dialog = await continueUpdateDialog(app, key, msg.text, now, msg.channel ?? null);
  if (dialog) return dialog;
  const answer = await ask(app, { question: msg.text, history: msg.history, cantiereId: msg.cantiereId ?? null, now, sink: msg.sink });
  // A question asked in the middle of an update dialog: answer it, and say the dialog still waits.
  const pending = await loadDialog(app, key, now);
  const reminder = pending ? pendingDialogReminder(pending) : null;
  if (reminder) return { kind: 'answer', answer: { ...answer, answer: `${answer.answer}\n\n${reminder}` } };
  return { kind: 'answer', answer };
}

import { ActivityTypes, MessageFactory, TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import { respond } from '../../../core/assistant.ts';
import { answersStream } from '../../../core/answer/ask.ts';
import { TeamsAnswerStream } from '../answer-stream.ts';
import type { Lang } from '../../../core/types.ts';
import { loadDialog } from '../../../core/updates/dialog/store.ts';
import { buildUpdateForm } from '../../../core/updates/form.ts';
import { answerCards } from '../cards/answer.ts';
import { keepCardState } from '../card-state.ts';
import { updateFormCard } from '../cards/update-form.ts';
import { updatePreviewCard } from '../cards/update-preview.ts';
import { storeAnswer } from '../answers.ts';
import { conversationHistory } from '../../../core/chat/history.ts';
import type { OutboundChannel } from '../../../core/outbound/channel.ts';
import { languageOf } from '../lang.ts';
import { actorOf } from '../people.ts';
import { cantiereOfConversation } from '../refs.ts';
import { cardMessage } from '../replies.ts';
import { t } from '../../../core/texts/index.ts';
import { helpExamples } from '../../../core/texts/examples.ts';
import { reportLinkMessage } from '../../../board/chat-link.ts';
import { onFileAttachments, sharedFilesOf } from './file-attachment.ts';
import { linkCommand, parseLinkCommand } from './link.ts';
import type { JobContext } from '../../../jobs/queue/worker.ts';

/** "aggiorna", "update", "nuovo aggiornamento": the form itself (an update with details goes through the assistant). */
/** "report", "rapporto": an admin gets a signed link to the steering committee's report as a PDF. */
const REPORT_COMMAND = /^(?:\/)?(?:report|rapporto)[.!]?$/i;
const FORM_COMMAND = /^(?:\/)?(?:update|aggiorna|aggiornamento|nuovo aggiornamento|new update|form|modulo)[.!]?$/i;

/** The message text without the bot's mention (`<at>Regia</at>`) and Teams' HTML leftovers. */
export function messageText(context: TurnContext): string {
  const activity = context.activity;
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function mentionsBot(context: TurnContext): boolean {
  const { activity } = context;
  return (activity.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id === activity.recipient?.id);
}

/**
 * A plain message (a queued job, see queued.ts): in a channel only when Regia is mentioned; in 1:1
 * and group chats always. Typing first, then commands (link, form) or the assistant's reply,
 * rendered for Teams. The reply, its record and what was sent are steps of the job, so a job taken
 * again after a crash or a failed send does not act on the message twice.
 */
export async function onMessage(app: AppContext, outbound: OutboundChannel, context: TurnContext, job: JobContext): Promise<void> {
  const started = Date.now();
  const { activity } = context;
  if (activity.conversation?.conversationType === 'channel' && !mentionsBot(context)) return;
  const text = messageText(context);
  // Files sent to Regia are documents to add (file-attachment.ts), whatever the text says.
  const files = sharedFilesOf(context);
  if (files.length) return void (await job.once('files', () => onFileAttachments(app, context, files, text).then(() => null)));
  if (job.recorded('sent')) return;
  const lang: Lang = languageOf(text, activity);
  /** Sends what `send` sends, at most once per job. */
  const sent = (send: () => Promise<unknown>) => job.once('sent', () => send().then(() => null));
  if (!text) return void (await sent(async () => context.sendActivity(t(lang, 'teams.empty', helpExamples(await app.programme())))));
  await context.sendActivity({ type: ActivityTypes.Typing });

  const link = parseLinkCommand(text);
  if (link) return void (await sent(() => linkCommand(app, context, link, lang)));

  if (REPORT_COMMAND.test(text)) return void (await sent(async () => context.sendActivity(await reportLinkMessage(app, actorOf(activity), lang))));

  if (FORM_COMMAND.test(text)) {
    // Teams has cards: the form itself instead of the text dialog other channels start.
    const programme = await app.programme();
    if (!programme) return void (await sent(() => context.sendActivity(t(lang, 'teams.noProgramme'))));
    const form = buildUpdateForm(programme, lang);
    return void (await sent(() => context.sendActivity(cardMessage(updateFormCard(form), form.title))));
  }

  const conversationId = activity.conversation.id;
  const actor = actorOf(activity);
  const [history, cantiereId] = await Promise.all([
    conversationHistory(app.db, 'teams', conversationId, app.config.historyTurns),
    cantiereOfConversation(app.db, conversationId),
  ]);
  // Teams streams only in 1:1 chats, and only a model's answer is worth streaming.
  const stream = activity.conversation?.conversationType === 'personal' && answersStream(app) ? new TeamsAnswerStream(context, app.log, app.config.teams.streamIntervalMs) : null;
  const reply = await job.once('reply', () =>
    respond(app, { actor, conversationId, text, history, cantiereId, now: new Date(), channel: outbound, ...(stream ? { sink: stream } : {}) }),
  );
  switch (reply.kind) {
    case 'answer': {
      const answerId = await job.once('answer', () =>
        storeAnswer(app, { conversationId, actor, question: text, answer: reply.answer, latencyMs: Date.now() - started }),
      );
      if (stream) return void (await sent(() => stream.finish(reply.answer, answerId)));
      return void (await sent(async () => {
        for (const card of answerCards(reply.answer, answerId)) await context.sendActivity(cardMessage(card, reply.answer.answer));
      }));
    }
    case 'update_preview': {
      // The dialog the preview belongs to knows whether this revises an earlier update.
      const dialog = await loadDialog(app, { actor, conversationId });
      const stateId = await job.once('preview', () =>
        keepCardState(app, { draft: reply.draft, sourceText: text, ...(dialog?.supersedes ? { supersedes: dialog.supersedes } : {}) }),
      );
      const card = updatePreviewCard(stateId, reply.text, reply.problems ?? {}, dialog?.lang ?? lang);
      return void (await sent(() => context.sendActivity(cardMessage(card, reply.text))));
    }
    case 'dialog':
    case 'refused':
      return void (await sent(() => context.sendActivity(MessageFactory.text(reply.text))));
  }
}

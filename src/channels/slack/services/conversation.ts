import { respond } from '../../../core/assistant.ts';
import type { Lang } from '../../../core/types.ts';
import type { SlackDeps } from '../deps.ts';
import { cantiereForChannel, defaultLang } from '../deps.ts';
import { renderText, type SlackMessage } from '../render/answer-blocks.ts';
import { renderUpdatePreview } from '../render/update-preview.ts';
import type { WebClient } from '../slack-types.ts';
import { detectLang } from '../../../core/language.ts';
import { conversationHistory } from '../../../core/chat/history.ts';
import { storeAnswer, threadRef } from './answers.ts';
import { SlackAnswerStream } from './answer-stream.ts';
import { reportFailure } from './failure.ts';
import { slackActor } from './people.ts';
import { createPreview } from './previews.ts';
import type { JobContext } from '../../../jobs/queue/worker.ts';
import type { ClaimDelivery } from '../middleware/dedupe.ts';

/** A message addressed to Regia: an @mention in a channel or a message in its DM. */
export interface InboundMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  /** Set when the message is itself a reply in a thread. */
  threadTs?: string;
  /** A message in Regia's DM (message.im). */
  dm?: boolean;
  /** The asker's workspace (Slack needs it to stream an answer outside a DM). */
  teamId?: string;
  /**
   * A message in an assistant thread (Slack's AI-app pane): the status shows under the composer
   * instead of a reaction, and `contextChannel`, the channel the person is viewing, gives the cantiere.
   */
  assistant?: { contextChannel?: string };
}

/** An event's message as Regia queues it: a reply keeps its thread, a top-level message starts one. */
export function inboundOf(
  e: { channel: string; user: string; text: string; ts: string; thread_ts?: string },
  extra: Pick<InboundMessage, 'teamId' | 'dm'>,
): InboundMessage {
  const threadTs = e.thread_ts && e.thread_ts !== e.ts ? e.thread_ts : undefined;
  return { channel: e.channel, user: e.user, text: e.text, ts: e.ts, threadTs, ...extra };
}

const WORKING_REACTION = 'hourglass_flowing_sand';

/** Removes the bot's own mention(s) from the text. */
export function stripMention(text: string, botUserId?: string): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

/** The job kind of a message to answer (queued by the event listeners, run by the queue's workers). */
export const ANSWER_JOB = 'slack.message';

/** Claims the event and queues its answer (one statement); the work happens in answerMessage. */
export async function queueMessage(claim: ClaimDelivery, m: InboundMessage): Promise<void> {
  await claim([{ kind: ANSWER_JOB, payload: m, group: `slack:${conversationOf(m)}` }]);
}

/**
 * The conversation a message belongs to: a DM is one conversation with its one person, main pane
 * and threads alike (an update typed there, then "salva" in the main pane or in the preview's
 * thread); in a channel each thread is its own. Its messages are answered one at a time, in order.
 */
function conversationOf(m: InboundMessage): string {
  return m.dm ? m.channel : threadRef(m.channel, m.threadTs ?? m.ts);
}

/**
 * Posts messages in a thread, in order, each at most once per job: a post is recorded as a step
 * of the job, and a job taken again after a crash between the post and its record first looks in
 * the thread for the message (it carries the job's id in its metadata) before posting it again.
 */
export async function postInThread(job: JobContext, client: WebClient, channel: string, threadTs: string, messages: SlackMessage[]): Promise<void> {
  for (const [part, m] of messages.entries()) {
    const step = `posted:${part}`;
    if (job.recorded(step)) continue;
    if (job.attempt > 1 && (await alreadyInThread(client, channel, threadTs, job.id, part))) {
      await job.once(step, async () => 'found');
      continue;
    }
    await job.once(step, async () => {
      const metadata = { event_type: POST_MARK, event_payload: { job: job.id, part } };
      const res = await client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: m.blocks, metadata, unfurl_links: false, unfurl_media: false });
      return res.ts ?? null;
    });
  }
}

const POST_MARK = 'regia_reply';

/** Whether the thread already holds part `part` of job `job`'s reply; false when it cannot tell. */
async function alreadyInThread(client: WebClient, channel: string, threadTs: string, job: number, part: number): Promise<boolean> {
  try {
    const res = await client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200 });
    return (res.messages ?? []).some((msg) => {
      const meta = (msg as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
      return meta?.event_type === POST_MARK && meta.event_payload?.job === job && meta.event_payload?.part === part;
    });
  } catch {
    return false; // better a second copy than no answer
  }
}

/**
 * Answers one message in its thread (a queued job). The working sign (a reaction) goes up first;
 * routing (question, update command, dialog) is the assistant's (src/core/assistant.ts); this
 * only turns its reply into Slack messages. The reply is recorded with the job, so a job taken
 * again after a crash posts the same reply instead of acting on the message twice. Failures are
 * retried by the queue; after the last attempt the person is told with a reference (giveUp).
 */
export async function answerMessage(deps: SlackDeps, client: WebClient, job: JobContext<InboundMessage>): Promise<void> {
  const { app } = deps;
  const m = job.payload;
  const started = performance.now();
  const threadTs = m.threadTs ?? m.ts;
  const ref = threadRef(m.channel, threadTs);
  // An assistant thread (dm: false) is its own conversation: a new chat in Slack's assistant pane.
  const conversationId = conversationOf(m);
  const reacted = m.assistant
    ? false
    : await client.reactions
        .add({ channel: m.channel, timestamp: m.ts, name: WORKING_REACTION })
        .then(() => true)
        .catch((err: unknown) => {
          deps.app.log.warn({ err }, 'slack: could not add the working reaction');
          return false;
        });
  // Status and streamed text while the reply is made (a job taken again posts the recorded reply whole).
  const stream = new SlackAnswerStream(client, app.log, { channel: m.channel, threadTs, userId: m.user, teamId: m.teamId, assistant: !!m.assistant });
  try {
    const [{ botUserId }, programme] = await Promise.all([deps.identity(), app.programme()]);
    const text = stripMention(m.text, botUserId);
    const reply = await job.once('reply', async () => {
      const [actor, history] = await Promise.all([slackActor(client, m.user), m.threadTs ? conversationHistory(app.db, 'slack', ref, app.config.historyTurns) : Promise.resolve([])]);
      const cantiereId = cantiereForChannel(programme, m.assistant ? m.assistant.contextChannel : m.channel);
      return respond(app, { actor, conversationId, text, history, cantiereId, channel: deps.outbound, sink: stream });
    });
    const lang: Lang = reply.kind === 'answer' ? reply.answer.language : detectLang(text, defaultLang(programme));
    switch (reply.kind) {
      case 'answer': {
        const answerId = await job.once('answer', () =>
          storeAnswer(app, reply.answer, { conversationId: m.channel, threadRef: ref, userId: m.user, question: text, latencyMs: performance.now() - started }),
        );
        await stream.finish(reply.answer, answerId, (messages) => postInThread(job, client, m.channel, threadTs, messages));
        break;
      }
      case 'update_preview': {
        await job.once('preview', async () => {
          const previewId = await createPreview(app, m.user, {
            draft: reply.draft,
            problems: reply.problems,
            lang,
            channel: m.channel,
            threadTs,
            sourceText: text,
            sourceRef: `slack:${m.channel}:${m.ts}`,
            conversationId,
          });
          const preview = renderUpdatePreview(previewId, reply.text, reply.problems, lang);
          await client.chat.postEphemeral({ channel: m.channel, user: m.user, thread_ts: threadTs, text: preview.text, blocks: preview.blocks });
          return previewId;
        });
        break;
      }
      case 'dialog':
      case 'refused':
        await postInThread(job, client, m.channel, threadTs, renderText(reply.text));
        break;
    }
  } finally {
    if (reacted) {
      await client.reactions.remove({ channel: m.channel, timestamp: m.ts, name: WORKING_REACTION }).catch(() => {});
    }
  }
}

/** The answer could not be given after every attempt: the person is told in the thread, with a reference. */
export async function answerFailed(deps: SlackDeps, client: WebClient, job: JobContext<InboundMessage>, err: unknown): Promise<void> {
  const m = job.payload;
  const lang = detectLang(m.text, defaultLang(await deps.app.programme().catch(() => null)));
  await reportFailure(deps.app, err, 'answering a message', lang, (text) => client.chat.postMessage({ channel: m.channel, thread_ts: m.threadTs ?? m.ts, text }), {
    channel: m.channel,
    ts: m.ts,
    job: job.id,
  });
}

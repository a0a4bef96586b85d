import { respond } from '../../../core/assistant.ts';
import type { Lang } from '../../../core/types.ts';
import type { SlackDeps } from '../deps.ts';
import { cantiereForChannel, defaultLang } from '../deps.ts';
import { renderAnswer, renderText, type SlackMessage } from '../render/answer-blocks.ts';
import { renderUpdatePreview } from '../render/update-preview.ts';
import type { WebClient } from '../slack-types.ts';
import { detectLang } from '../../../core/language.ts';
import { conversationHistory } from '../../../core/chat/history.ts';
import { storeAnswer, threadRef } from './answers.ts';
import { reportFailure } from './failure.ts';
import { slackActor } from './people.ts';
import { createPreview } from './previews.ts';

/** A message addressed to Regia: an @mention in a channel or a message in its DM. */
export interface InboundMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  /** Set when the message is itself a reply in a thread. */
  threadTs?: string;
}

const WORKING_REACTION = 'hourglass_flowing_sand';

/** Removes the bot's own mention(s) from the text. */
export function stripMention(text: string, botUserId?: string): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

/** Posts messages in a thread, in order; returns the ts of the first. */
export async function postInThread(client: WebClient, channel: string, threadTs: string, messages: SlackMessage[]): Promise<string | undefined> {
  let first: string | undefined;
  for (const m of messages) {
    const res = await client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
    first ??= res.ts;
  }
  return first;
}

/**
 * Answers one message in its thread. The working sign (a reaction) goes up at once; the answer is
 * prepared on the work queue. Routing (question, update command, dialog) is the assistant's
 * (src/core/assistant.ts); this only turns its reply into Slack messages. Any failure becomes a
 * visible reply with a reference id. Resolves when the work is queued, never rejects.
 */
export async function handleInboundMessage(deps: SlackDeps, client: WebClient, m: InboundMessage): Promise<void> {
  const reacted = await client.reactions
    .add({ channel: m.channel, timestamp: m.ts, name: WORKING_REACTION })
    .then(() => true)
    .catch((err: unknown) => {
      deps.app.log.warn({ err }, 'slack: could not add the working reaction');
      return false;
    });
  deps.work.push(() => answerInThread(deps, client, m, reacted));
}

async function answerInThread(deps: SlackDeps, client: WebClient, m: InboundMessage, reacted: boolean): Promise<void> {
  const { app } = deps;
  const started = performance.now();
  const threadTs = m.threadTs ?? m.ts;
  const ref = threadRef(m.channel, threadTs);
  let lang: Lang = 'it';
  try {
    const [{ botUserId }, programme] = await Promise.all([deps.identity(), app.programme()]);
    const text = stripMention(m.text, botUserId);
    lang = detectLang(text, defaultLang(programme));
    const [actor, history] = await Promise.all([slackActor(client, m.user), m.threadTs ? conversationHistory(app.db, 'slack', ref, app.config.historyTurns) : Promise.resolve([])]);
    const reply = await respond(app, { actor, conversationId: ref, text, history, cantiereId: cantiereForChannel(programme, m.channel), channel: deps.outbound });
    switch (reply.kind) {
      case 'answer': {
        lang = reply.answer.language;
        const answerId = await storeAnswer(app, reply.answer, {
          conversationId: m.channel,
          threadRef: ref,
          userId: m.user,
          question: text,
          latencyMs: performance.now() - started,
        });
        await postInThread(client, m.channel, threadTs, renderAnswer(reply.answer, answerId));
        break;
      }
      case 'update_preview': {
        const previewId = await createPreview(app, m.user, {
          draft: reply.draft,
          problems: reply.problems,
          lang,
          channel: m.channel,
          threadTs,
          sourceText: text,
          sourceRef: `slack:${m.channel}:${m.ts}`,
          conversationId: ref,
        });
        const preview = renderUpdatePreview(previewId, reply.text, reply.problems, lang);
        await client.chat.postEphemeral({ channel: m.channel, user: m.user, thread_ts: threadTs, text: preview.text, blocks: preview.blocks });
        break;
      }
      case 'dialog':
      case 'refused':
        await postInThread(client, m.channel, threadTs, renderText(reply.text));
        break;
    }
  } catch (err) {
    await reportFailure(app, err, 'answering a message', lang, (text) => client.chat.postMessage({ channel: m.channel, thread_ts: threadTs, text }), {
      channel: m.channel,
      ts: m.ts,
    });
  } finally {
    if (reacted) {
      await client.reactions.remove({ channel: m.channel, timestamp: m.ts, name: WORKING_REACTION }).catch(() => {});
    }
  }
}

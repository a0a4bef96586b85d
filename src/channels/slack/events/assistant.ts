import { Assistant, type App } from '@slack/bolt';
import { resolvePerson } from '../../../core/identity/person.ts';
import { suggestedPrompts } from '../../../core/chat/suggestions.ts';
import type { SlackDeps } from '../deps.ts';
import { cantiereForChannel, defaultLang } from '../deps.ts';
import { loadThreadContext, threadContextStore } from '../services/assistant-threads.ts';
import { claimOf } from '../middleware/dedupe.ts';
import { queueMessage } from '../services/conversation.ts';
import { fileJobs } from '../services/documents.ts';
import { slackActor } from '../services/people.ts';
import { t } from '../../../core/texts/index.ts';

/**
 * Slack's AI-app surface (Bolt's `Assistant`): a thread opened in the assistant pane gets suggested
 * prompts from the programme (the person's or the viewed channel's cantiere); the channel the
 * person is viewing is remembered as the thread's context and favours its cantiere; a question
 * there is answered like any other, with a status under the composer and the answer streamed.
 * Bolt routes every DM message inside a thread here, so a thread that is not an assistant thread
 * keeps the ordinary DM behaviour, and files shared there are documents to add as in a DM.
 */
export function registerAssistant(bolt: App, deps: SlackDeps): void {
  const { app } = deps;
  bolt.assistant(
    new Assistant({
      threadContextStore: threadContextStore(app),
      threadStarted: async ({ event, client, context, saveThreadContext, setSuggestedPrompts }) => {
        // Slack's retries of the event set nothing twice.
        if (!(await claimOf(context)())) return;
        await saveThreadContext();
        const programme = await app.programme();
        const lang = defaultLang(programme);
        const viewed = cantiereForChannel(programme, event.assistant_thread.context?.channel_id);
        const person = viewed ? null : await resolvePerson(app.db, await slackActor(client, event.assistant_thread.user_id)).catch(() => null);
        const prompts = suggestedPrompts(programme, viewed ?? person?.cantiereId ?? null, lang);
        await setSuggestedPrompts({ title: t(lang, 'slack.suggestedTitle'), prompts });
      },
      threadContextChanged: async ({ context, saveThreadContext }) => {
        if (await claimOf(context)()) await saveThreadContext();
      },
      userMessage: async ({ message, context }) => {
        const threadTs = 'thread_ts' in message ? message.thread_ts : undefined;
        if (!('user' in message) || !message.user || ('bot_id' in message && message.bot_id) || !threadTs) return;
        if (message.subtype === 'file_share') {
          await claimOf(context)(fileJobs({ channel: message.channel, user: message.user, ts: message.ts, threadTs, fileIds: (message.files ?? []).map((f) => f.id) }));
          return;
        }
        if (!message.text) return;
        const known = await loadThreadContext(app, message.channel, threadTs);
        await queueMessage(claimOf(context), {
          channel: message.channel,
          user: message.user,
          text: message.text,
          ts: message.ts,
          threadTs,
          // An assistant thread is a conversation of its own; any other DM thread is the DM's.
          dm: !known,
          teamId: context.teamId,
          ...(known ? { assistant: { contextChannel: known.channel_id } } : {}),
        });
      },
    }),
  );
}

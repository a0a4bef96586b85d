import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import { languageOf } from '../lang.ts';
import { baseConversationId, saveReference } from '../refs.ts';
import { t } from '../../../core/texts/index.ts';
import { helpExamples } from '../../../core/texts/examples.ts';

/**
 * The app added to a team, group chat or personal scope: remember where it can post, say hello
 * once. Teams sends both conversationUpdate (membersAdded with the bot) and installationUpdate;
 * the greeting goes with the former, the reference is stored on either.
 */
export async function onConversationUpdate(app: AppContext, context: TurnContext): Promise<void> {
  const { activity } = context;
  const botId = activity.recipient?.id;
  if (activity.membersAdded?.some((m) => m.id === botId)) {
    const stored = await saveReference(app.db, activity);
    app.log.info({ conversation: stored.conversationId, cantiere: stored.cantiereId }, 'teams: app added, conversation reference stored');
    await context.sendActivity(t(languageOf('', activity), 'teams.welcome', helpExamples(await app.programme())));
  } else if (activity.membersRemoved?.some((m) => m.id === botId)) {
    await forget(app, activity.conversation.id);
  }
}

export async function onInstallationUpdate(app: AppContext, context: TurnContext): Promise<void> {
  const { activity } = context;
  if (activity.action?.startsWith('remove')) {
    await forget(app, activity.conversation.id);
    return;
  }
  const stored = await saveReference(app.db, activity);
  app.log.info({ conversation: stored.conversationId, action: activity.action }, 'teams: installation update, conversation reference stored');
}

/** Removed from a conversation: the bot can no longer post there. */
async function forget(app: AppContext, conversationId: string): Promise<void> {
  await app.db.query(`DELETE FROM conversation_refs WHERE platform = 'teams' AND conversation_id = $1`, [baseConversationId(conversationId)]);
  app.log.info({ conversation: conversationId }, 'teams: app removed, conversation reference deleted');
}

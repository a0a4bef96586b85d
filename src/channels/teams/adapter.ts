import { CloudAdapter, ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { newReference } from '../../core/failure.ts';
import { t } from '../../core/texts/index.ts';

/**
 * The Bot Framework adapter. With an app id, every inbound request must carry a valid Bot Framework
 * token (401 otherwise) and outbound calls are signed; without one, authentication is off: right for
 * the Bot Framework Emulator and local tests, never for a public endpoint, hence the warning.
 */
export function createTeamsAdapter(teams: Config['teams'], log: Logger): CloudAdapter {
  const settings: Record<string, string> = { MicrosoftAppType: teams.appType };
  if (teams.appId) settings.MicrosoftAppId = teams.appId;
  if (teams.appPassword) settings.MicrosoftAppPassword = teams.appPassword;
  if (teams.tenantId) settings.MicrosoftAppTenantId = teams.tenantId;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  if (teams.appId) {
    log.info({ appId: teams.appId, appType: teams.appType }, 'teams: Bot Framework authentication enforced on /api/messages');
  } else {
    log.warn(
      'teams: MicrosoftAppId is not set, so /api/messages accepts UNAUTHENTICATED requests (local development only); ' +
        'set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId before exposing it',
    );
  }
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const ref = newReference();
    log.error({ err: error, ref, activityType: context.activity.type, conversation: context.activity.conversation?.id }, `teams: turn failed (${ref})`);
    // Invokes get their error in the HTTP response; messages get a short apology in the chat.
    if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      const body = { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: error.message } };
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
    } else if (context.activity.type === 'message') {
      await context
        .sendActivity(t(context.activity.locale?.startsWith('en') ? 'en' : 'it', 'teams.failure', { ref }))
        .catch((err: unknown) => log.warn({ err }, 'teams: could not send the error notice'));
    }
  };
  return adapter;
}

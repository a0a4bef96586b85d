import { CloudAdapter, ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';

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
    log.error({ err: error, activityType: context.activity.type, conversation: context.activity.conversation?.id }, 'teams: turn failed');
    // Invokes get their error in the HTTP response; messages get a short apology in the chat.
    if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      const body = { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: error.message } };
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
    } else if (context.activity.type === 'message') {
      await context
        .sendActivity(
          context.activity.locale?.startsWith('en')
            ? 'Sorry, something went wrong on my side. Please try again in a moment.'
            : 'Mi dispiace, qualcosa è andato storto da parte mia. Riprova tra poco.',
        )
        .catch((err: unknown) => log.warn({ err }, 'teams: could not send the error notice'));
    }
  };
  return adapter;
}

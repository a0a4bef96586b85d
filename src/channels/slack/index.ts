import type { AppContext } from '../../app.ts';
import type { OutboundChannel } from '../../core/outbound/channel.ts';
import type { Channel } from '../channel.ts';
import { createBolt, type SlackConfig } from './bolt.ts';
import type { SlackDeps } from './deps.ts';
import { registerListeners } from './listeners.ts';
import { refuseFutureRequests } from './middleware/request-guard.ts';
import { postOutbound, slackDestination } from './outbound.ts';
import { failureTarget, reportFailure } from './services/failure.ts';
import { ANSWER_JOB, answerFailed, answerMessage } from './services/conversation.ts';
import { addFileJob, FILE_JOB } from './services/documents.ts';

/**
 * Regia on Slack: Bolt's receiver on the shared HTTP server at /slack/events (or Socket Mode
 * when SLACK_APP_TOKEN is set), the listeners, and proactive posting for digests.
 */
export function createSlackChannel(app: AppContext, slack: SlackConfig | undefined = app.config.slack): Channel {
  if (!slack) throw new Error('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN)');
  const { bolt, receiver, identity, client } = createBolt(app, slack);
  const outbound: OutboundChannel = {
    platform: 'slack',
    destinationFor: slackDestination,
    send: (to, message) => postOutbound(bolt.client, slack.botToken, to, message),
  };
  const deps: SlackDeps = { app, identity, outbound };
  registerListeners(bolt, deps);

  // The last resort for errors a listener did not handle itself: logged with a reference and,
  // where the payload says where the person is, shown to them.
  bolt.error(async ({ error, body }: { error: Error; body: unknown }) => {
    const target = failureTarget((body ?? {}) as Record<string, any>);
    const lang = (await app.programme().catch(() => null))?.language ?? 'it';
    await reportFailure(app, error, 'a Slack listener', lang, async (text) => {
      if (!target) return;
      if ('responseUrl' in target) {
        await fetch(target.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        });
      } else if ('channel' in target) {
        await bolt.client.chat.postMessage({ token: slack.botToken, channel: target.channel, thread_ts: target.threadTs, text });
      } else {
        await bolt.client.chat.postMessage({ token: slack.botToken, channel: target.userId, text });
      }
    });
  });

  return {
    ...outbound,
    mount(http) {
      if (receiver) http.use('/slack/events', refuseFutureRequests).use(receiver.router);
    },
    async start() {
      // Learn the bot's identity now if Slack answers; if not, the first request tries again.
      await identity().catch((err) => app.log.warn({ err }, 'slack: auth.test failed at start; will retry on the first request'));
      if (slack.appToken) {
        await bolt.start();
        app.log.info('slack: connected in Socket Mode');
      }
    },
    async stop() {
      if (slack.appToken) await bolt.stop();
    },
    // The work queued by the listeners, done by the queue's workers (in this process or another).
    jobs: {
      [ANSWER_JOB]: { run: (job) => answerMessage(deps, client, job), giveUp: (job, err) => answerFailed(deps, client, job, err) },
      [FILE_JOB]: { run: (job) => addFileJob(deps, client, job) },
    },
  };
}

import express, { type Express } from 'express';
import type { AppContext } from '../../app.ts';
import type { OutboundChannel } from '../../core/outbound/channel.ts';
import type { Channel } from '../channel.ts';
import { activityProblem } from './activity-shape.ts';
import { createTeamsAdapter } from './adapter.ts';
import { createTurnHandler } from './bot.ts';
import { onMessage } from './listeners/message.ts';
import { messageJob, TEAMS_MESSAGE_JOB } from './queued.ts';
import { createProactiveSender } from './proactive.ts';
import { teamsDestination } from './refs.ts';

/** The Bot Framework endpoint Teams calls; DESIGN.md's command-line contract names it. */
export const TEAMS_ROUTE = '/api/messages';

/**
 * Microsoft Teams through botbuilder's CloudAdapter: `/api/messages` on the shared server, and
 * proactive posts to the conversation references stored when the app was installed or first
 * spoken to. Always on: without MicrosoftAppId it runs open for local development (and warns).
 */
export function createTeamsChannel(app: AppContext): Channel {
  const adapter = createTeamsAdapter(app.config.teams, app.log);
  const outbound: OutboundChannel = {
    platform: 'teams',
    destinationFor: (cantiere) => teamsDestination(app.db, cantiere),
    send: createProactiveSender(app, adapter),
  };
  const onTurn = createTurnHandler(app, outbound);

  return {
    ...outbound,
    mount(http: Express) {
      // JSON bodies for this route only: Slack's receiver needs its raw body to check signatures.
      http.post(TEAMS_ROUTE, express.json({ limit: '1mb' }), async (req, res) => {
        const problem = activityProblem(req.body);
        if (problem) {
          res.status(400).json({ error: problem });
          return;
        }
        try {
          await adapter.process(req, res, onTurn);
        } catch (err) {
          app.log.error({ err }, 'teams: request failed');
          if (!res.headersSent) res.status(500).end();
        }
      });
    },
    // Messages queued by the turn handler, handled by the queue's workers (in this process or another).
    jobs: { [TEAMS_MESSAGE_JOB]: messageJob(app, adapter, (context, job) => onMessage(app, outbound, context, job)) },
  };
}

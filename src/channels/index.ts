import type { AppContext } from '../app.ts';
import type { Channel } from './channel.ts';
import { createSlackChannel } from './slack/index.ts';
import { createTeamsChannel } from './teams/index.ts';

/** The channels this configuration enables, in the order they mount on the shared server. */
export async function buildChannels(app: AppContext): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (app.config.slack) channels.push(createSlackChannel(app));
  // Teams is always on: without MicrosoftAppId it runs open for local development (and warns).
  channels.push(createTeamsChannel(app));
  return channels;
}

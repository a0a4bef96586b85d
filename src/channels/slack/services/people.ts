import type { WebClient } from '../slack-types.ts';
import type { Actor } from '../../../core/types.ts';

const names = new Map<string, { name: string; at: number }>();
const TTL_MS = 60 * 60 * 1000;

/**
 * The actor behind a Slack user id, with a display name from users.info (cached for an hour;
 * if Slack cannot tell, the id stands in for the name rather than failing the request).
 */
export async function slackActor(client: WebClient, userId: string, hint?: string): Promise<Actor> {
  const cached = names.get(userId);
  if (cached && Date.now() - cached.at < TTL_MS) return { platform: 'slack', userId, displayName: cached.name };
  let name = hint || userId;
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name || name;
    names.set(userId, { name, at: Date.now() });
  } catch {
    /* users:read missing or Slack unreachable: the id is still a correct author reference */
  }
  return { platform: 'slack', userId, displayName: name };
}

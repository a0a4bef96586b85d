import type { WebClient } from '../slack-types.ts';
import type { Actor } from '../../../core/types.ts';

const accounts = new Map<string, { name: string; email?: string; at: number }>();
const TTL_MS = 60 * 60 * 1000;

/**
 * The actor behind a Slack user id, from users.info (cached for an hour): the display name to
 * show, and the profile email Slack vouches for (scope users:read.email), which is what may link
 * the account to a programme person. If Slack cannot tell, the id stands in for the name and no
 * email is claimed, rather than failing the request.
 */
export async function slackActor(client: WebClient, userId: string, hint?: string): Promise<Actor> {
  const cached = accounts.get(userId);
  if (cached && Date.now() - cached.at < TTL_MS) return { platform: 'slack', userId, displayName: cached.name, ...(cached.email ? { email: cached.email } : {}) };
  let name = hint || userId;
  let email: string | undefined;
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name || name;
    // Bots and deleted accounts carry no person.
    email = u && !u.is_bot && !u.deleted && u.profile?.email ? u.profile.email : undefined;
    accounts.set(userId, { name, email, at: Date.now() });
  } catch {
    /* users:read missing or Slack unreachable: the id is still a correct author reference */
  }
  return { platform: 'slack', userId, displayName: name, ...(email ? { email } : {}) };
}

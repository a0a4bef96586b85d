import type { AppContext } from '../../app.ts';
import type { Programme } from '../../programme/model.ts';
import type { OutboundChannel } from '../../core/outbound/channel.ts';
import type { Lang } from '../../core/types.ts';

/** What every Slack listener needs besides Bolt's own arguments. */
export interface SlackDeps {
  app: AppContext;
  /** The bot's user id (to strip "@regia" from messages), resolved through auth.test once. */
  identity(): Promise<{ botUserId: string; botId: string }>;
  /** This channel's proactive side: where saved updates are announced. */
  outbound: OutboundChannel;
}

/** The cantiere whose channel this is (programme file `channels.slack`), if any. */
export function cantiereForChannel(programme: Programme | null, channelId: string | undefined): string | null {
  if (!programme || !channelId) return null;
  return programme.cantieri.find((c) => !c.archived && c.slackChannel === channelId)?.id ?? null;
}

export function defaultLang(programme: Programme | null): Lang {
  return programme?.language ?? 'it';
}

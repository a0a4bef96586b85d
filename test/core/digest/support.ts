import type { Channel } from '../../../src/channels/channel.ts';
import { slackDestination } from '../../../src/channels/slack/outbound.ts';
import { renderOutbound as renderSlack } from '../../../src/channels/slack/render/outbound.ts';
import { renderOutbound as renderTeams } from '../../../src/channels/teams/cards/outbound.ts';
import { teamsDestination } from '../../../src/channels/teams/refs.ts';
import type { Destination } from '../../../src/core/outbound/channel.ts';
import type { OutboundMessage } from '../../../src/core/outbound/message.ts';
import type { Cantiere } from '../../../src/programme/model.ts';
import type { AppContext } from '../../../src/app.ts';
import type { Db } from '../../../db/client.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { readProgramme } from '../../../src/programme/model.ts';

/** An AppContext over a test database (no OpenAI unless env says so). */
export function testApp(db: Db, env: Record<string, string> = {}): AppContext {
  const config = loadConfig({ REGIA_DEMO: 'off', ...env }, { dotenv: false });
  return { config, log: createLogger('silent'), db, programme: () => readProgramme(db), close: async () => {} };
}

/** A core message as each channel renders it (what people would see). */
export const asSlack = renderSlack;
export const asTeams = renderTeams;

/**
 * A platform that records what it is asked to post and can be told to fail: enough to exercise the
 * exactly-once claims in-process (the Slack and Teams simulators cover the real SDK paths). It
 * finds destinations as the real channel does (Teams needs the database for that).
 */
export class RecordingChannel implements Channel {
  sent: { to: Destination; message: OutboundMessage; ref: string }[] = [];
  private failures = 0;
  private failure: Error | null = null;
  private n = 0;
  constructor(
    readonly platform: 'slack' | 'teams',
    private delayMs = 0,
    private db?: Db,
  ) {}
  mount(): void {}
  destinationFor(cantiere: Cantiere): Promise<string | null> {
    return this.platform === 'slack' ? slackDestination(cantiere) : teamsDestination(this.db!, cantiere);
  }
  failNext(times: number, error: Error | null = null): void {
    this.failures = times;
    this.failure = error;
  }
  async send(to: Destination, message: OutboundMessage): Promise<string> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failures > 0) {
      this.failures--;
      throw this.failure ?? new Error('platform unavailable (test)');
    }
    const ref = `${this.platform}-${++this.n}`;
    this.sent.push({ to, message, ref });
    return ref;
  }
  /** Posts to channels/conversations (not DMs), by destination. */
  posts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of this.sent) if ('conversationId' in s.to) out.set(s.to.conversationId, (out.get(s.to.conversationId) ?? 0) + 1);
    return out;
  }
  dms(): { userId: string; message: OutboundMessage }[] {
    return this.sent.flatMap((s) => ('userId' in s.to ? [{ userId: s.to.userId, message: s.message }] : []));
  }
}

import type { Channel, Destination, OutboundMessage } from '../../../src/channels/channel.ts';
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

/**
 * A platform that records what it is asked to post and can be told to fail: enough to exercise the
 * exactly-once claims in-process (the Slack and Teams simulators cover the real SDK paths).
 */
export class RecordingChannel implements Channel {
  sent: { to: Destination; message: OutboundMessage; ref: string }[] = [];
  private failures = 0;
  private n = 0;
  constructor(
    readonly platform: 'slack' | 'teams',
    private delayMs = 0,
  ) {}
  mount(): void {}
  failNext(times: number): void {
    this.failures = times;
  }
  async send(to: Destination, message: OutboundMessage): Promise<string> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failures > 0) {
      this.failures--;
      throw new Error('platform unavailable (test)');
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

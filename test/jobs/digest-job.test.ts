import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { buildChannels } from '../../src/channels/index.ts';
import { isoWeekOf } from '../../src/core/digest/week.ts';
import { createDigestJob } from '../../src/jobs/digest-job.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/db.ts';
import { startSlackSimulator, type SlackCall, type SlackSimulator } from '../support/slack-sim.ts';
import { startFakeConnector, type FakeConnector, type ConnectorActivity } from '../support/teams-connector.ts';
import { loadAts } from '../core/digest/fixtures.ts';
import { testApp } from '../core/digest/support.ts';
import { cronAt, startService, type ServiceProcess } from './support.ts';

const CANTIERI = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6-7', 'c8', 'c9'];
const SLACK_CHANNELS = ['C0000000001', 'C0000000002', 'C0000000003', 'C0000000004', 'C0000000005', 'C0000000067', 'C0000000008', 'C0000000009'];
const TZ = 'Europe/Rome';
const FAST_RETRY = { attempts: 4, baseDelayMs: 50, maxDelayMs: 400 };
/** Mondays 00:00:30: this week's digest time has always passed by the time a test runs. */
const PASSED_THIS_WEEK = '30 0 0 * * 1';

/** The cantiere channels' Teams conversations, as stored when the app is installed there. */
async function installTeams(db: Db, serviceUrl: string): Promise<void> {
  for (const c of CANTIERI) {
    const id = `19:${c}@thread.tacv2`;
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id, conversationType: 'channel', isGroup: true, tenantId: 'tenant-0001' },
      bot: { id: '28:regia-bot', name: 'Regia' },
    };
    await db.query(`INSERT INTO conversation_refs (platform, conversation_id, reference, cantiere_id) VALUES ('teams', $1, $2, $3)`, [id, reference, c]);
  }
}

const digestPosts = (sim: SlackSimulator): SlackCall[] =>
  sim.calls.filter((c) => c.method === 'chat.postMessage' && SLACK_CHANNELS.includes(c.body.channel) && JSON.stringify(c.body.blocks ?? '').includes('regia_digest'));
const teamsDigests = (connector: FakeConnector): ConnectorActivity[] =>
  connector.activities.filter((a) => a.method === 'POST' && a.conversationId.endsWith('@thread.tacv2'));

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
const exactlyOnceEach = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeEachEngine('digest job inside the service', (s) => {
  let sim: SlackSimulator;
  let connector: FakeConnector;
  let server: RunningServer | null = null;
  beforeAll(async () => {
    sim = await startSlackSimulator();
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await sim?.close();
    await connector?.close();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    sim.reset();
    connector.activities.length = 0;
  });

  async function serve(cron = PASSED_THIS_WEEK): Promise<RunningServer> {
    const app = testApp(s.db, { SLACK_BOT_TOKEN: 'xoxb-test-digest', SLACK_SIGNING_SECRET: 'test-secret', SLACK_API_URL: sim.url });
    const job = createDigestJob({ cron, sweepMs: 200, leaseMs: 3000, retry: FAST_RETRY });
    server = await startServer(app, await buildChannels(app), [job], 0);
    return server;
  }

  test('a service started after the scheduled time posts the missed digest once, and not again after a restart', async () => {
    await loadAts(s.db);
    await installTeams(s.db, connector.serviceUrl);
    await serve();
    await until(() => digestPosts(sim).length >= 8 && teamsDigests(connector).length >= 8, 20_000, 'the missed digests');
    await server!.close();
    server = null;
    // Restarted within the same week: everything is already posted.
    await serve();
    await new Promise((r) => setTimeout(r, 1000));
    expect(countBy(digestPosts(sim), (c) => c.body.channel)).toEqual(exactlyOnceEach(SLACK_CHANNELS));
    expect(countBy(teamsDigests(connector), (a) => a.conversationId)).toEqual(exactlyOnceEach(CANTIERI.map((c) => `19:${c}@thread.tacv2`)));
    const card = teamsDigests(connector)[0].activity.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const week = isoWeekOf(new Date(), TZ);
    const rows = await s.db.query(`SELECT platform, state, message_ref FROM digests WHERE iso_week = $1 AND platform IN ('slack', 'teams')`, [week]);
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => r.state === 'posted' && r.message_ref)).toBe(true);
  });

  test('before the digest, each team leader gets one reminder DM listing their stale projects with update buttons', async () => {
    await loadAts(s.db); // reminder_hours_before defaults to 24
    await s.db.query(
      `INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('slack', 'U0LEADER8', 'Nicolò Dossena', 'team_leader', 'c8')`,
    );
    // The next digest is an hour away: inside the reminder window, and not due yet.
    await serve(cronAt(new Date(Date.now() + 3_600_000), TZ));
    await until(() => sim.callsTo('chat.postMessage').length >= 1, 20_000, 'the reminder');
    await new Promise((r) => setTimeout(r, 800)); // a few more sweeps
    const posts = sim.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].body.channel).toBe('U0LEADER8');
    expect(posts[0].body.text).toContain('Hub Dati Provinciale');
    const buttons = (posts[0].body.blocks as any[]).filter((b) => b.accessory).map((b) => [b.accessory.action_id, b.accessory.value]);
    expect(buttons).toEqual([
      ['open_update_form', 'hub-dati'],
      ['open_update_form', 'digital-center'],
      ['open_update_form', 'built-your-idea'],
    ]);
    expect(digestPosts(sim)).toEqual([]);
  });

  test('a digest Slack refuses for good (bot not in the channel) is marked failed at once and the admins get a DM', async () => {
    await loadAts(s.db);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('slack', 'U0ADMIN', 'Segreteria ATS', 'admin')`);
    sim.failNext('chat.postMessage', 1, 'not_in_channel');
    await serve();
    const dm = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0ADMIN', 20_000);
    expect(dm.body.text).toContain('Digest non pubblicato');
    expect(dm.body.text).toContain('not_in_channel');
    expect(dm.body.text).toContain('regia digest --post --cantiere c1');
    const posted = async () => (await s.db.query(`SELECT 1 FROM digests WHERE platform = 'slack' AND state = 'posted'`)).length;
    await until(async () => (await posted()) >= 7, 20_000, 'the other digests');
    const rows = await s.db.query(`SELECT cantiere_id, state, attempts FROM digests WHERE platform = 'slack' ORDER BY cantiere_id`);
    expect(rows.find((r) => r.cantiere_id === 'c1')).toEqual({ cantiere_id: 'c1', state: 'failed', attempts: 1 });
    expect(rows.filter((r) => r.state === 'posted')).toHaveLength(7);
  });

  test('a platform that fails twice then succeeds gets exactly one digest', async () => {
    await loadAts(s.db);
    await installTeams(s.db, connector.serviceUrl);
    sim.failNext('chat.postMessage', 2, 'service_unavailable');
    connector.failNext(2);
    await serve();
    await until(() => digestPosts(sim).length >= 8 && teamsDigests(connector).length >= 8, 20_000, 'the digests');
    await until(() => digestPosts(sim).length >= 10, 20_000, 'the digests');
    await new Promise((r) => setTimeout(r, 500));
    // The simulator records every call: the first two (both to cantiere 1) were answered with an error.
    const [fail1, fail2, ...delivered] = digestPosts(sim);
    expect([fail1.body.channel, fail2.body.channel]).toEqual(['C0000000001', 'C0000000001']);
    expect(countBy(delivered, (c) => c.body.channel)).toEqual(exactlyOnceEach(SLACK_CHANNELS));
    expect(countBy(teamsDigests(connector), (a) => a.conversationId)).toEqual(exactlyOnceEach(CANTIERI.map((c) => `19:${c}@thread.tacv2`)));
    const [c1] = await s.db.query(`SELECT state, attempts FROM digests WHERE cantiere_id = 'c1' AND platform = 'slack'`);
    expect(c1).toEqual({ state: 'posted', attempts: 3 });
  });
});

// Two replicas need real concurrency: separate processes on native PostgreSQL (PGlite is one process).
describe.skipIf(!process.env.TEST_DATABASE_URL)('two replicas on one PostgreSQL', () => {
  let sim: SlackSimulator;
  let connector: FakeConnector;
  let target: TestDatabase;
  let services: ServiceProcess[] = [];

  beforeAll(async () => {
    sim = await startSlackSimulator();
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await sim?.close();
    await connector?.close();
  });
  afterEach(async () => {
    for (const svc of services) await svc.stop().catch(() => {});
    services = [];
    await target?.destroy();
    sim.reset();
    connector.activities.length = 0;
  });

  async function prepare(): Promise<void> {
    target = await createTestDatabase('postgres');
    const db = await target.open();
    try {
      await migrate(db);
      await loadAts(db);
      await installTeams(db, connector.serviceUrl);
    } finally {
      await db.close();
    }
  }

  function replicaEnv(name: string, at: Date, extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...target.env,
      SLACK_BOT_TOKEN: `xoxb-replica-${name}`,
      SLACK_SIGNING_SECRET: 'test-secret',
      SLACK_API_URL: sim.url,
      REGIA_DIGEST_CRON: cronAt(at, TZ),
      REGIA_DIGEST_LEASE_MS: '3000',
      REGIA_DIGEST_SWEEP_MS: '500',
      REGIA_DIGEST_RETRY_BASE_MS: '100',
      ...extra,
    };
  }

  test('with a schedule a few seconds away, they post exactly one digest per cantiere to Slack and to Teams', async () => {
    await prepare();
    const at = new Date(Date.now() + 12_000);
    // Posts take a little while (as on Slack), so neither replica can post all 16 before the other
    // claims, however busy the machine.
    const paced = { REGIA_TEST_SEND_DELAY_MS: '300' };
    services = await Promise.all([startService(replicaEnv('a', at, paced)), startService(replicaEnv('b', at, paced))]);
    expect(Date.now()).toBeLessThan(at.getTime()); // both were up before the schedule
    await until(() => digestPosts(sim).length >= 8 && teamsDigests(connector).length >= 8, 40_000, 'the digests');
    await new Promise((r) => setTimeout(r, 1500));
    const posts = digestPosts(sim);
    expect(Math.min(...posts.map((c) => c.at))).toBeGreaterThanOrEqual(at.getTime() - 1000);
    expect(countBy(posts, (c) => c.body.channel)).toEqual(exactlyOnceEach(SLACK_CHANNELS));
    expect(countBy(teamsDigests(connector), (a) => a.conversationId)).toEqual(exactlyOnceEach(CANTIERI.map((c) => `19:${c}@thread.tacv2`)));
    // Both replicas took part: each claims one digest at a time, so the work is shared.
    const db = await target.open();
    try {
      const owners = await db.query(`SELECT DISTINCT claimed_by FROM digests WHERE state = 'posted'`);
      expect(owners).toHaveLength(2);
    } finally {
      await db.close();
    }
  }, 90_000);

  test('one replica killed in the middle: no cantiere without its digest, none with two', async () => {
    await prepare();
    const at = new Date(Date.now() + 12_000);
    // Slow posts (1 s each) so the kill lands while replica A holds a claim.
    const slow = { REGIA_TEST_SEND_DELAY_MS: '1000' };
    services = await Promise.all([startService(replicaEnv('a', at, slow)), startService(replicaEnv('b', at, slow))]);
    const [a] = services;
    const db = await target.open();
    try {
      // Replica A's claims carry its pid (claimed_by = host:pid:nonce).
      const ofA = `%:${a.child.pid}:%`;
      await until(
        async () => (await db.query(`SELECT 1 FROM digests WHERE state = 'posted' AND claimed_by LIKE $1`, [ofA])).length >= 2,
        40_000,
        'replica A to post twice',
      );
      // A has recorded its second post and is now inside its next claim, sleeping before the post.
      await new Promise((r) => setTimeout(r, 200));
      a.kill();
      const held = await db.query(`SELECT cantiere_id, platform FROM digests WHERE state = 'claimed' AND claimed_by LIKE $1`, [ofA]);
      expect(held).toHaveLength(1);
      const killedAt = Date.now();
      await until(() => digestPosts(sim).length >= 8 && teamsDigests(connector).length >= 8, 40_000, 'the remaining digests');
      await new Promise((r) => setTimeout(r, 1500));
      expect(countBy(digestPosts(sim), (c) => c.body.channel)).toEqual(exactlyOnceEach(SLACK_CHANNELS));
      expect(countBy(teamsDigests(connector), (x) => x.conversationId)).toEqual(exactlyOnceEach(CANTIERI.map((c) => `19:${c}@thread.tacv2`)));
      expect(digestPosts(sim).filter((c) => c.token === 'xoxb-replica-a' && c.at > killedAt)).toEqual([]);
      // Every digest is recorded as posted; the one A held was taken over by B after the lease.
      const rows = await db.query(`SELECT cantiere_id, platform, state, claimed_by FROM digests WHERE platform IN ('slack', 'teams')`);
      expect(rows).toHaveLength(16);
      expect(rows.every((r) => r.state === 'posted')).toBe(true);
      const taken = rows.find((r) => r.cantiere_id === held[0].cantiere_id && r.platform === held[0].platform)!;
      expect(taken.claimed_by).not.toContain(`:${a.child.pid}:`);
    } finally {
      await db.close();
    }
  }, 90_000);
});

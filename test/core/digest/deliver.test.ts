import { expect, test } from 'vitest';
import { postDigests, sendReminders } from '../../../src/core/digest/post.ts';
import { PermanentDeliveryError } from '../../../src/core/outbound/channel.ts';
import { describeEachEngine } from '../../support/db.ts';
import { loadAts, seedCantiere8 } from './fixtures.ts';
import { asSlack, asTeams, RecordingChannel, testApp } from './support.ts';

const FAST = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };
const WEEK = '2026-W40';
const AS_OF = new Date('2026-09-28T07:00:00Z');

async function linkTeams(db: import('../../../db/client.ts').Db): Promise<void> {
  // Teams digests go to the conversation linked to the cantiere (where the app was installed).
  for (const c of ['c1', 'c8']) {
    await db.query(`INSERT INTO conversation_refs (platform, conversation_id, reference, cantiere_id) VALUES ('teams', $1, '{}', $2)`, [
      `19:${c}@thread.tacv2`,
      c,
    ]);
  }
}

describeEachEngine('digest delivery, exactly once', (s) => {
  test('every cantiere gets one digest per platform; running again posts nothing', async () => {
    await loadAts(s.db);
    await seedCantiere8(s.db);
    await linkTeams(s.db);
    const app = testApp(s.db);
    const slack = new RecordingChannel('slack');
    const teams = new RecordingChannel('teams', 0, s.db);
    const first = await postDigests(app, [slack, teams], { week: WEEK, asOf: AS_OF, retry: FAST });
    expect(first.filter((o) => o.result === 'posted')).toHaveLength(8 + 2);
    expect(first.filter((o) => o.result === 'no_destination').map((o) => o.cantiereId)).toHaveLength(6);
    expect([...slack.posts().values()].every((n) => n === 1)).toBe(true);
    expect(slack.posts().size).toBe(8);
    expect([...teams.posts().keys()].sort()).toEqual(['19:c1@thread.tacv2', '19:c8@thread.tacv2']);
    const c8 = slack.sent.find((x) => 'conversationId' in x.to && x.to.conversationId === 'C0000000008')!;
    expect(c8.message.kind).toBe('digest');
    expect(asSlack(c8.message).text).toContain('Attesa firma della convenzione');
    expect(asSlack(c8.message).blocks?.length).toBeGreaterThan(3);
    expect(asTeams(teams.sent[0].message).card).toMatchObject({ type: 'AdaptiveCard' });

    const again = await postDigests(app, [slack, teams], { week: WEEK, asOf: AS_OF, retry: FAST });
    expect(again.filter((o) => o.result === 'posted')).toEqual([]);
    expect(again.filter((o) => o.result === 'skipped')).toHaveLength(10);
    expect(slack.sent).toHaveLength(8);

    const rows = await s.db.query(`SELECT state, message_ref, content FROM digests WHERE iso_week = $1 AND platform = 'slack' AND cantiere_id = 'c8'`, [WEEK]);
    expect(rows[0]).toMatchObject({ state: 'posted', message_ref: c8.ref });
    expect(rows[0].content.attention[0].projectId).toBe('hub-dati');

    // --force posts again, and only where asked.
    const forced = await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, force: true, cantiereId: 'c8' });
    expect(forced.map((o) => o.result)).toEqual(['posted']);
    expect(slack.posts().get('C0000000008')).toBe(2);
  });

  test('two posters at once (two replicas) share the work: one digest per cantiere', async () => {
    await loadAts(s.db);
    const appA = testApp(s.db);
    const slack = new RecordingChannel('slack', 5);
    const [a, b] = await Promise.all([
      postDigests(appA, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, owner: 'replica-a' }),
      postDigests(appA, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, owner: 'replica-b' }),
    ]);
    expect(slack.posts().size).toBe(8);
    expect([...slack.posts().values()].every((n) => n === 1)).toBe(true);
    expect([...a, ...b].filter((o) => o.result === 'posted')).toHaveLength(8);
  });

  test('a post that fails twice then succeeds is posted once, after three attempts', async () => {
    await loadAts(s.db);
    const app = testApp(s.db);
    const slack = new RecordingChannel('slack');
    slack.failNext(2);
    const out = await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, cantiereId: 'c8' });
    expect(out).toMatchObject([{ result: 'posted', attempts: 3 }]);
    expect(slack.posts().get('C0000000008')).toBe(1);
    const [row] = await s.db.query(`SELECT state, attempts, last_error FROM digests WHERE cantiere_id = 'c8'`);
    expect(row).toMatchObject({ state: 'posted', attempts: 3, last_error: null });
  });

  test('a post that keeps failing ends as failed, and the admins are told by DM', async () => {
    await loadAts(s.db);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('slack', 'U0ADMIN', 'Segreteria', 'admin')`);
    const app = testApp(s.db);
    const slack = new RecordingChannel('slack');
    slack.failNext(4);
    const out = await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, cantiereId: 'c4' });
    expect(out).toMatchObject([{ result: 'failed', attempts: 4, error: 'platform unavailable (test)' }]);
    const [row] = await s.db.query(`SELECT state, attempts, last_error FROM digests WHERE cantiere_id = 'c4'`);
    expect(row).toMatchObject({ state: 'failed', attempts: 4, last_error: 'platform unavailable (test)' });
    expect(slack.dms()).toHaveLength(1);
    expect(slack.dms()[0].userId).toBe('U0ADMIN');
    expect(asSlack(slack.dms()[0].message).text).toMatch(/Digest non pubblicato.*2026-W40.*Infrastrutture e Connessioni.*4 tentativi/);

    // Not retried by itself; an explicit retry (regia digest --post) takes it over and posts it once.
    expect((await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, cantiereId: 'c4' }))[0]).toMatchObject({ result: 'skipped', why: 'failed' });
    const retried = await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, cantiereId: 'c4', retakeFailed: true });
    expect(retried).toMatchObject([{ result: 'posted', attempts: 1 }]);
    expect(slack.posts().get('C0000000004')).toBe(1);
  });

  test('a claim whose poster died is taken over after the lease; a live claim is left alone', async () => {
    await loadAts(s.db);
    const app = testApp(s.db);
    await s.db.query(
      `INSERT INTO digests (cantiere_id, iso_week, platform, state, claimed_by, claimed_at, attempts)
       VALUES ('c1', $1, 'slack', 'claimed', 'dead-replica', now() - interval '10 minutes', 1),
              ('c2', $1, 'slack', 'claimed', 'live-replica', now(), 0)`,
      [WEEK],
    );
    const slack = new RecordingChannel('slack');
    const out = await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, leaseMs: 60_000 });
    const by = Object.fromEntries(out.map((o) => [o.cantiereId, o]));
    expect(by.c1).toMatchObject({ result: 'posted' });
    expect(by.c2).toMatchObject({ result: 'skipped', why: 'in_progress' });
    expect(slack.posts().has('C0000000002')).toBe(false);
    expect(slack.posts().get('C0000000001')).toBe(1);
    const [c1] = await s.db.query(`SELECT claimed_by, attempts FROM digests WHERE cantiere_id = 'c1'`);
    expect(c1.claimed_by).not.toBe('dead-replica');
    expect(c1.attempts).toBe(2);
  });

  test('reminders: each team leader with an account gets one DM listing their stale projects, with update buttons', async () => {
    await loadAts(s.db);
    await seedCantiere8(s.db);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('slack', 'U0LEADER8', 'Nicolò Dossena', 'team_leader', 'c8'), ('teams', '29:leader8', 'Nicolò Dossena', 'team_leader', 'c8')`);
    const app = testApp(s.db);
    const slack = new RecordingChannel('slack');
    const teams = new RecordingChannel('teams', 0, s.db);
    const out = await sendReminders(app, [slack, teams], { week: WEEK, digestAt: AS_OF, retry: FAST });
    expect(out.map((r) => [r.userId, r.staleProjects, r.delivery.result])).toEqual([
      ['U0LEADER8', ['built-your-idea'], 'posted'],
      ['29:leader8', ['built-your-idea'], 'posted'],
    ]);
    const dm = slack.dms()[0];
    expect(dm.userId).toBe('U0LEADER8');
    const buttons = JSON.stringify(asSlack(dm.message).blocks);
    expect(buttons).toContain('"action_id":"open_update_form"');
    expect(buttons).toContain('"value":"built-your-idea"');
    expect(JSON.stringify(asTeams(teams.dms()[0].message).card)).toContain('{"action":"open_update_form","project":"built-your-idea"}');
    // The digest that follows mentions the leader on Slack.
    const digest = await postDigests(app, [slack], { week: WEEK, asOf: AS_OF, retry: FAST, cantiereId: 'c8' });
    expect(digest[0].result).toBe('posted');
    expect(JSON.stringify(asSlack(slack.sent.at(-1)!.message).blocks)).toContain('<@U0LEADER8>');

    const again = await sendReminders(app, [slack, teams], { week: WEEK, digestAt: AS_OF, retry: FAST });
    expect(again).toEqual([]); // both leaders were reminded for this week
    expect(slack.dms()).toHaveLength(1);
  });
});

test('programme language drives the failure report too', async () => {
  const { failureReport } = await import('../../../src/core/digest/deliver.ts');
  const m = failureReport('en', { week: '2026-W40', cantiereId: 'c4', cantiereName: '4 – Infrastrutture', platform: 'slack', attempts: 5, error: 'boom' });
  expect(m.text).toContain('could not be posted to slack after 5 attempts: boom');
  expect(m.text).toContain('regia digest --post --cantiere c4 --week 2026-W40');
});

describeEachEngine('digest delivery, permanent failures', (s) => {
  test('a failure no retry can fix (the bot is not in the channel) is tried once, then reported', async () => {
    await loadAts(s.db);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('slack', 'U0ADMIN', 'Segreteria', 'admin')`);
    const slack = new RecordingChannel('slack');
    slack.failNext(1, new PermanentDeliveryError('not_in_channel'));
    const out = await postDigests(testApp(s.db), [slack], { week: WEEK, asOf: AS_OF, retry: FAST, cantiereId: 'c4' });
    expect(out).toMatchObject([{ result: 'failed', attempts: 1, error: 'not_in_channel' }]);
    expect(slack.dms().map((d) => d.userId)).toEqual(['U0ADMIN']);
  });
});

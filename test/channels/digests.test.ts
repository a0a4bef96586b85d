import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { AppContext } from '../../src/app.ts';
import { createSlackChannel } from '../../src/channels/slack/index.ts';
import { createTeamsChannel } from '../../src/channels/teams/index.ts';
import { DIGEST_LIST_MAX } from '../../src/core/digest/labels.ts';
import { t } from '../../src/core/texts/index.ts';
import { postDigests, sendReminders } from '../../src/core/digest/post.ts';
import { isoWeekOf } from '../../src/core/digest/week.ts';
import { readIndicators } from '../../src/core/indicators/catalogue.ts';
import { insertIndicatorValue } from '../../src/core/indicators/store.ts';
import { DEMO_PROGRAMME } from '../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { logUpdate } from '../core/digest/fixtures.ts';
import { describeEachEngine } from '../support/db.ts';
import { expectLiteralOnSlack, expectPlainOnTeams, INJECTED } from '../support/injection.ts';
import { expectSlackMessageWithinLimits, expectTeamsActivityWithinLimits, slackVisibleText, teamsVisibleText } from '../support/limits.ts';
import { testApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../support/slack-sim.ts';
import { installActivity, messageActivity, postActivity, startFakeConnector, type FakeConnector } from '../support/teams-connector.ts';

const C4_SLACK = 'C0000000004';
const C4_TEAMS = '19:c4@thread.tacv2';
const LEADER_SLACK = 'U0LEADER4';
const LEADER_TEAMS = 'aad-user-1';
const FAST = { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 };
const DAY = 86_400_000;
const PROJECTS = 60;
const dayOffset = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * The demo programme with cantiere 4 led by Maria Rossi (accounts on both platforms), linked to a
 * Teams channel; `extra` more projects in it; ZLS named with the injected text when asked.
 */
function programme({ injectedName = false, extra = 0, indicator = false } = {}) {
  const file = parseProgrammeFile(DEMO_PROGRAMME);
  file.programme.language = 'en';
  const c4 = file.cantieri.find((c) => c.id === 'c4')!;
  c4.team_leader = 'Maria Rossi';
  c4.channels.teams = C4_TEAMS;
  file.people.push({ name: 'Maria Rossi', role: 'team_leader', cantiere: 'c4', slack: LEADER_SLACK, teams: LEADER_TEAMS, email: null });
  if (injectedName) c4.projects.find((p) => p.id === 'zls')!.name = `Zona Logistica ${INJECTED}`;
  if (indicator) {
    // Reported by the team leader; 90 municipalities to wire in six months, at about 1.5 a month so far.
    c4.indicators.push({
      id: 'comuni-fibra',
      name: { it: 'Comuni cablati in fibra', en: 'Municipalities wired with fibre' },
      unit: { it: 'comuni', en: 'municipalities' },
      direction: 'higher',
      baseline: { value: 10, date: dayOffset(-365) },
      targets: [{ value: 100, by: dayOffset(180) }],
      source: 'Infratel',
      reported_by: 'Maria Rossi',
      aliases: [],
    });
  }
  const template = c4.projects[0];
  c4.projects = c4.projects.slice(0, 1);
  for (let i = 1; i <= extra; i++) {
    const n = String(i).padStart(2, '0');
    c4.projects.push({ ...template, id: `p${n}`, name: `Progetto ${n} della rete provinciale in fibra ottica & 5G`, aliases: [] });
  }
  return file;
}

describeEachEngine('Digests and reminders on Slack and Teams', (s) => {
  let sim: SlackSimulator;
  let connector: FakeConnector;
  let app: AppContext;
  let server: RunningServer;
  let base: string;
  let channels: ReturnType<typeof createSlackChannel | typeof createTeamsChannel>[];
  const now = new Date();

  beforeAll(async () => {
    sim = await startSlackSimulator();
    connector = await startFakeConnector();
    ({ app } = testApp(s.db));
    channels = [createSlackChannel(app, { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: sim.url }), createTeamsChannel(app)];
    server = await startServer(app, channels, [], 0);
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await Promise.all([sim?.close(), connector?.close()]);
  });
  beforeEach(() => {
    sim.reset();
    connector.activities.length = 0;
  });

  /** Regia installed in cantiere 4's Teams channel, and the leader's 1:1 chat known. */
  async function installTeams(): Promise<void> {
    const o = { serviceUrl: connector.serviceUrl };
    await postActivity(base, installActivity({ ...o, conversationType: 'channel', conversationId: C4_TEAMS }));
    await postActivity(base, messageActivity('ciao', o));
    connector.activities.length = 0;
  }

  async function deliver(): Promise<{ slackDigest: Record<string, any>; slackReminder: Record<string, any>; teamsDigest: Record<string, any>; teamsReminder: Record<string, any> }> {
    const asOf = new Date();
    const week = isoWeekOf(asOf, 'Europe/Rome');
    const posted = await postDigests(app, channels, { week, asOf, retry: FAST, cantiereId: 'c4', force: true });
    expect(posted.map((o) => [o.platform, o.result])).toEqual([['slack', 'posted'], ['teams', 'posted']]);
    const reminded = await sendReminders(app, channels, { week, digestAt: asOf, retry: FAST });
    expect(reminded.filter((r) => [LEADER_SLACK, LEADER_TEAMS].includes(r.userId)).map((r) => r.delivery.result)).toEqual(['posted', 'posted']);
    const posts = sim.calls.filter((c) => c.method === 'chat.postMessage');
    const teams = connector.activities.filter((a) => a.activity.type === 'message');
    return {
      slackDigest: posts.find((c) => c.body.channel === C4_SLACK)!.body,
      slackReminder: posts.find((c) => c.body.channel === LEADER_SLACK)!.body,
      teamsDigest: teams.find((a) => a.conversationId === C4_TEAMS)!.activity,
      teamsReminder: teams.find((a) => a.conversationId !== C4_TEAMS)!.activity,
    };
  }

  test('an update and a project name with mentions, broadcasts, links and & stay literal on Slack and plain on Teams', async () => {
    await loadProgramme(s.db, programme({ injectedName: true }));
    await installTeams();
    // Logged long ago, so ZLS is both in the digest (with its blockers) and stale (in the reminder).
    const old = new Date(now.getTime() - 40 * DAY).toISOString();
    await logUpdate(s.db, { project: 'zls', status: 'at_risk', progress: 40, summary: `Tavolo con ${INJECTED}`, next_steps: `Firma ${INJECTED}`, blockers: `Attesa ${INJECTED}`, at: old });
    const out = await deliver();
    for (const p of [out.slackDigest, out.slackReminder]) expectLiteralOnSlack(p);
    for (const a of [out.teamsDigest, out.teamsReminder]) expectPlainOnTeams(a);
    // Regia's own mention of the team leader stays live on both.
    expect(JSON.stringify(out.slackDigest.blocks)).toContain(`<@${LEADER_SLACK}>`);
    expect(out.teamsDigest.attachments[0].content.msteams.entities[0].mentioned.id).toBe(LEADER_TEAMS);
  });

  test('a cantiere of 60 projects: every digest and reminder within limits, nothing left out without a visible "more"', async () => {
    await loadProgramme(s.db, programme({ extra: PROJECTS - 1 }));
    await installTeams();
    const long = (what: string, n: number) => `${what} ${'con la Provincia e i comuni del cremasco '.repeat(60)}`.slice(0, n);
    // Half blocked with long blockers (attention), a third due within days, all stale: every list overflows.
    for (let i = 1; i < PROJECTS; i++) {
      const id = `p${String(i).padStart(2, '0')}`;
      const due = i % 3 === 0 ? new Date(now.getTime() + 5 * DAY).toISOString().slice(0, 10) : null;
      await logUpdate(s.db, {
        project: id,
        status: i % 2 ? 'blocked' : 'on_track',
        progress: i,
        summary: long(`Sintesi ${i}`, 2000),
        next_steps: long(`Passi ${i}`, 1000),
        blockers: i % 2 ? long(`Ostacolo ${i}`, 1000) : null,
        due_date: due,
        at: new Date(now.getTime() - 30 * DAY).toISOString(),
      });
    }
    const out = await deliver();
    expectSlackMessageWithinLimits(out.slackDigest);
    expectSlackMessageWithinLimits(out.slackReminder);
    for (const a of [out.teamsDigest, out.teamsReminder]) expectTeamsActivityWithinLimits(a);

        // A project's own line starts with its status marker (the lists above and below start with a bullet or the name).
    const shownProjects = (visible: string) => new Set([...visible.matchAll(/^(?:🔴|🟠|🟢|✅|⚪|▫️) \*{1,2}(Zona Logistica Semplificata|Progetto \d+)/gmu)].map((m) => m[1])).size;
    for (const visible of [slackVisibleText(out.slackDigest), teamsVisibleText(out.teamsDigest)]) {
      const shown = shownProjects(visible);
      expect(shown).toBeGreaterThan(5);
      if (shown < PROJECTS) expect(visible).toContain(t('en', 'digest.moreProjects', { n: PROJECTS - shown }));
      // 30 blocked, 19 due soon, 60 stale: each list shows its first items, then how many more.
      // (Teams lists are Markdown lists: their lines start with "- ".)
      for (const n of [30, 19, PROJECTS]) expect(visible).toContain(t('en', 'digest.moreItems', { n: n - DIGEST_LIST_MAX }));
    }
    for (const visible of [slackVisibleText(out.slackReminder), teamsVisibleText(out.teamsReminder)]) {
      const listed = new Set(visible.match(/Zona Logistica Semplificata|Progetto \d+/g)).size;
      expect(listed).toBeGreaterThan(5);
      if (listed < PROJECTS) expect(visible).toContain(t('en', 'digest.moreItems', { n: PROJECTS - listed }));
    }
  });

  test('a target at risk is named in the digest with its owner mentioned, on Slack and Teams, within limits', async () => {
    await loadProgramme(s.db, programme({ indicator: true }));
    await installTeams();
    const indicator = (await readIndicators(s.db)).find((i) => i.id === 'comuni-fibra')!;
    const actor = { platform: 'slack', userId: LEADER_SLACK, displayName: 'Maria Rossi' };
    for (const [value, days] of [[12, -90], [13, -60], [15, -3]] as const) {
      await insertIndicatorValue(s.db, indicator, { indicator: indicator.id, value, measuredOn: dayOffset(days) }, actor, { origin: 'import' });
    }
    const out = await deliver();
    expectSlackMessageWithinLimits(out.slackDigest);
    expectTeamsActivityWithinLimits(out.teamsDigest);
    const slack = slackVisibleText(out.slackDigest);
    expect(slack).toMatch(new RegExp(`Municipalities wired with fibre\\*: 15 municipalities .*\\(was 13 municipalities\\).*Target at risk.* · reported by <@${LEADER_SLACK}>`));
    const teams = teamsVisibleText(out.teamsDigest);
    expect(teams).toMatch(/Municipalities wired with fibre\*\*: 15 municipalities .*Target at risk.* · reported by <at>Maria Rossi<\/at>/);
    expect(out.teamsDigest.attachments[0].content.msteams.entities).toContainEqual({ type: 'mention', text: '<at>Maria Rossi</at>', mentioned: { id: LEADER_TEAMS, name: 'Maria Rossi' } });
  });
});

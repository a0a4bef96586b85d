import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../support/db.ts';
import { runCli } from '../../support/cli.ts';
import { startSlackSimulator, type SlackSimulator } from '../../support/slack-sim.ts';
import { ATS, seedCantiere8 } from './fixtures.ts';

let sim: SlackSimulator;
beforeAll(async () => {
  sim = await startSlackSimulator();
});
afterAll(async () => sim?.close());

test('bad options are refused before anything is opened', async () => {
  const [badWeek, neither, forceAlone] = await Promise.all([
    runCli(['digest', '--week', '2026-48', '--dry-run']),
    runCli(['digest']),
    runCli(['digest', '--dry-run', '--force']),
  ]);
  expect(badWeek.code).toBe(2);
  expect(badWeek.stderr).toContain('"2026-48" is not an ISO week: expected YYYY-Www');
  expect(neither.code).toBe(2);
  expect(neither.stderr).toContain('choose one of --dry-run (print the digest) or --post (post it now)');
  expect(forceAlone.code).toBe(2);
  expect(forceAlone.stderr).toContain('--force goes with --post');
}, 60_000);

for (const engine of testEngines()) {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(engine);
    const loaded = await runCli(['programme', 'load', ATS], { env: target.env });
    expect(loaded.code, loaded.stderr).toBe(0);
    const db = await target.open();
    try {
      await seedCantiere8(db);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(async () => target?.destroy());

  test(`[${engine}] regia digest --dry-run --json: the right blockers, stale projects and due dates for the chosen week`, async () => {
    const r = await runCli(['digest', '--week', '2026-W40', '--dry-run', '--json'], { env: target.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ programme: 'io-ci-credo', week: '2026-W40', asOf: '2026-09-28T07:00:00.000Z' });
    expect(out.digests).toHaveLength(8);
    const c8 = out.digests.find((d: { cantiere: { id: string } }) => d.cantiere.id === 'c8');
    expect(c8.attention.map((a: { projectId: string }) => a.projectId)).toEqual(['hub-dati', 'digital-center']);
    expect(c8.stale.map((x: { projectId: string }) => x.projectId)).toEqual(['built-your-idea']);
    expect(c8.dueSoon).toEqual([{ projectId: 'hub-dati', projectName: 'Hub Dati Provinciale', dueDate: '2026-10-05', daysLeft: 7, status: 'blocked' }]);
    // Nothing was posted or claimed by a preview.
    const db = await target.open();
    try {
      expect(await db.query('SELECT * FROM digests')).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);

  test(`[${engine}] regia digest --dry-run prints the Italian text of one cantiere`, async () => {
    const r = await runCli(['digest', '--cantiere', 'c8', '--week', '2026-w40', '--dry-run'], { env: target.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Digest settimanale · Cantiere 8 – Potenziamento del digitale');
    expect(r.stdout).toContain('Hub Dati Provinciale: Bloccato (era: In linea) · 40% (+10)');
    expect(r.stdout).toContain('Incubatore di start up Built Your Idea: ultimo aggiornamento 57 giorni fa');

    if (engine === 'pglite') {
      const unknown = await runCli(['digest', '--cantiere', 'c42', '--dry-run'], { env: target.env });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('unknown cantiere "c42" (known: c1, c2, c3, c4, c5, c6-7, c8, c9)');
    }
  }, 120_000);

  test(`[${engine}] regia digest --post posts once through the configured channels; again only with --force`, async () => {
    sim.reset();
    const env = { ...target.env, SLACK_BOT_TOKEN: 'xoxb-test-cli', SLACK_SIGNING_SECRET: 'test-secret', SLACK_API_URL: sim.url };
    const toC8 = () => sim.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0000000008');
    const first = await runCli(['digest', '--post', '--cantiere', 'c8', '--week', '2026-W40'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^c8 slack 2026-W40: posted \(C0000000008:\d+\.\d+\)$/m);
    expect(first.stdout).toMatch(/^c8 teams 2026-W40: no Teams conversation/m);
    expect(toC8()).toHaveLength(1);
    expect(JSON.stringify(toC8()[0].body.blocks)).toContain('Attesa firma della convenzione');

    const again = await runCli(['digest', '--post', '--cantiere', 'c8', '--week', '2026-W40', '--json'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).outcomes[0]).toMatchObject({ cantiereId: 'c8', platform: 'slack', result: 'skipped', why: 'posted' });
    expect(toC8()).toHaveLength(1);

    const forced = await runCli(['digest', '--post', '--force', '--cantiere', 'c8', '--week', '2026-W40'], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/c8 slack 2026-W40: posted/);
    expect(toC8()).toHaveLength(2);
  }, 120_000);
}

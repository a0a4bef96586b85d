import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { migrate } from '../../../db/migrate.ts';
import { formatDate } from '../../../src/core/time.ts';
import { saveUpdate } from '../../../src/core/updates/store.ts';
import { runCli } from '../../support/cli.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../support/db.ts';
import { appOver, loadTestProgramme, readEval, scoreParses, UPDATES_DEV } from './fixtures.ts';

for (const engine of testEngines()) {
  describe(`regia update (CLI) [${engine}]`, () => {
    let target: TestDatabase;
    const cli = (args: string[]) => runCli(args, { env: target.env });
    // In-process setup, closed before any subprocess runs (one process owns a PGlite directory).
    const withDb = async (fn: (app: ReturnType<typeof appOver>) => Promise<void>) => {
      const db = await target.open();
      try {
        await migrate(db);
        await fn(appOver(db));
      } finally {
        await db.close();
      }
    };
    beforeAll(async () => {
      target = await createTestDatabase(engine);
      await withDb((app) => loadTestProgramme(app.db as Db));
    }, 120_000);
    afterAll(async () => target?.destroy());

    test('parse --batch follows the JSON contract and scores on the dev set', async () => {
      const r = await cli(['update', 'parse', '--batch', UPDATES_DEV, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(Object.keys(lines[0])).toEqual(['id', 'project', 'status', 'progress', 'summary', 'next_steps', 'blockers', 'due_date']);
      const items = readEval();
      const score = scoreParses(items, new Map(lines.map((l) => [l.id, l])));
      expect(score.project).toBe(1);
      expect(score.status).toBeGreaterThanOrEqual(0.9);
      expect(score.progress).toBeGreaterThanOrEqual(0.95);
      expect(score.due_date).toBeGreaterThanOrEqual(0.9);
    }, 60_000);

    test('add refuses malformed values with field-specific errors and exit 1', async () => {
      const r = await cli(['update', 'add', '--project', 'ponte-sullo-stretto', '--status', 'on_track', '--progress', '140', '--summary', 'x', '--due', '2001-01-01']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/--project: Unknown project "ponte-sullo-stretto"/);
      expect(r.stderr).toMatch(/--progress: Progress must be a whole number from 0 to 100 \(you gave "140"\)/);
      expect(r.stderr).toMatch(/--due: The due date 2001-01-01 is in the past/);
    }, 60_000);

    test('after three updates to the ZLS, ask reports the newest with its date and author', async () => {
      // Two earlier updates written directly, the newest through the CLI as a user would.
      const operator = { platform: 'cli' as const, userId: 'op', displayName: '' };
      await withDb(async (app) => {
        const base = { project: 'zls', status: 'on_track' as const, next_steps: null, blockers: null, due_date: null };
        await saveUpdate(app, { ...base, progress: 30, summary: 'Avviata la perimetrazione delle aree' }, { ...operator, displayName: 'Anna Verdi' }, { source: 'form', createdAt: new Date(Date.now() - 20 * 86_400_000) });
        await saveUpdate(app, { ...base, progress: 40, summary: 'Firmato il protocollo con la Regione' }, { ...operator, displayName: 'Marco Neri' }, { source: 'form', createdAt: new Date(Date.now() - 6 * 86_400_000) });
      });
      const added = await cli(['update', 'add', '--project', 'ZLS', '--status', 'at_risk', '--progress', '55', '--summary', 'Conferenza dei servizi rinviata a gennaio', '--author', 'Giulia Ferrari', '--json']);
      expect(added.code, added.stderr).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({ project: 'zls', author: 'Giulia Ferrari', author_platform: 'cli', source: 'form', progress: 55 });

      const today = new Date();
      const en = await cli(['ask', "what's the status of ZLS?", '--json']);
      expect(en.code, en.stderr).toBe(0);
      const a = JSON.parse(en.stdout);
      expect(a.abstained).toBe(false);
      expect(a.answer).toContain('Giulia Ferrari');
      expect(a.answer).toContain(formatDate(today.toISOString(), 'en', 'Europe/Rome'));
      expect(a.answer).toMatch(/55%/);
      expect(a.answer).not.toMatch(/Marco Neri|Anna Verdi/);

      const it = await cli(['ask', 'a che punto è la ZLS?', '--json']);
      expect(it.code, it.stderr).toBe(0);
      const b = JSON.parse(it.stdout);
      expect(b.answer).toContain('Giulia Ferrari');
      expect(b.answer).toContain(formatDate(today.toISOString(), 'it', 'Europe/Rome'));
      expect(b.answer).toMatch(/[Uu]ltimo aggiornamento/);
    }, 120_000);
  });
}

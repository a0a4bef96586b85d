import { expect, test } from 'vitest';
import type { AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { bootstrap } from '../../src/demo.ts';
import { createLogger } from '../../src/log.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { describeEachEngine } from '../support/db.ts';

describeEachEngine('demo corpus on first start', (s) => {
  const appWith = (env: Record<string, string>): AppContext => ({
    config: loadConfig(env, { dotenv: false }),
    log: createLogger('silent'),
    db: s.db,
    programme: () => readProgramme(s.db),
    close: async () => {},
  });

  test('an empty database in demo mode gets the demo programme and corpus, once', async () => {
    const app = appWith({ REGIA_DEMO: 'auto' });
    const first = await bootstrap(app);
    expect(first).toEqual({ loadedProgramme: 'io-ci-credo', ingested: 4, updates: 24, indicatorValues: 60 });
    const docs = await s.db.query(`SELECT source, kind, published_on, projects FROM documents ORDER BY source`);
    expect(docs.map((d) => [d.source, d.kind])).toEqual([
      ['programme-overview.md', 'markdown'],
      ['schede-progetto.yaml', 'project_sheet'],
      ['stato-zls.md', 'markdown'],
      ['verbale-cantiere-8.md', 'markdown'],
    ]);
    expect(docs.find((d) => d.source === 'stato-zls.md')).toMatchObject({ published_on: '2026-11-10', projects: expect.arrayContaining(['zls']) });
    const [zls] = await s.db.query(`SELECT metadata FROM projects WHERE id = 'zls'`);
    expect(zls.metadata.sheet).toMatchObject({ end: '2027-06-30' });
    const coordinated = await s.db.query(`SELECT text FROM chunks WHERE text LIKE '%coordinato dal team leader Nicolò Dossena%'`);
    expect(coordinated).toHaveLength(1);

    expect(await bootstrap(app)).toEqual({});
    // The demo's corpus, year of updates and indicator values: seconds of CPU on a shared machine.
  }, 180_000);

  test('demo off: nothing is ingested', async () => {
    expect(await bootstrap(appWith({ REGIA_DEMO: 'off' }))).toEqual({});
    expect(await s.db.query(`SELECT id FROM documents`)).toEqual([]);
  });
});

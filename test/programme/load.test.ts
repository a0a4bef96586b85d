import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { describeEachEngine } from '../support/db.ts';
import { SHARED } from '../support/cli.ts';
import { problemsOf } from '../support/programme.ts';

const ATS = join(SHARED, 'programme', 'io-ci-credo.yaml');
const atsText = readFileSync(ATS, 'utf8');


test('the ATS programme file parses: 8 cantieri, every project with its aliases', () => {
  const file = parseProgrammeFile(ATS);
  expect(file.cantieri).toHaveLength(8);
  const zls = file.cantieri.flatMap((c) => c.projects).find((p) => p.id === 'zls');
  expect(zls?.aliases).toContain('ZLS');
  expect(file.cantieri.find((c) => c.id === 'c8')?.team_leader).toBe('Nicolò Dossena');
});

test('errors name the place in the file', () => {
  const missingId = atsText.replace('      - id: its\n', '      - idx: its\n');
  expect(problemsOf(missingId)).toContain('cantieri[1].projects[1].id: required');
  const duplicate = atsText.replace('id: colli-di-bottiglia', 'id: zls');
  expect(problemsOf(duplicate).join()).toMatch(/cantieri\[3\]\.projects\[1\]\.id: duplicate project id "zls"/);
  expect(problemsOf('programme: [unclosed\n').join()).toMatch(/bad YAML/);
  expect(problemsOf(atsText.replace('timezone: Europe/Rome', 'timezone: Mars/Olympus')).join()).toMatch(/programme\.timezone: an IANA time zone/);
  expect(problemsOf(atsText.replace('cron: "0 9 * * 1"', 'cron: "every monday"')).join()).toMatch(/programme\.digest\.cron/);
});

describeEachEngine('loading a programme', (s) => {
  test('loads cantieri and projects; loading twice changes nothing', async () => {
    const first = await loadProgramme(s.db, parseProgrammeFile(ATS));
    expect(first).toMatchObject({ cantieri: 8, projects: 19, archived: [] });
    expect(first.changed).toBeGreaterThan(0);
    const snapshot = await s.db.query(`SELECT id, updated_at FROM projects ORDER BY id`);
    const second = await loadProgramme(s.db, parseProgrammeFile(ATS));
    expect(second.changed).toBe(0);
    expect(await s.db.query(`SELECT id, updated_at FROM projects ORDER BY id`)).toEqual(snapshot);
    const programme = await readProgramme(s.db);
    expect(programme?.cantieri.map((c) => c.number)).toEqual(['1', '2', '3', '4', '5', '6/7', '8', '9']);
    expect(programme?.timezone).toBe('Europe/Rome');
  });

  test('a project removed from the file is archived with its updates kept', async () => {
    await loadProgramme(s.db, parseProgrammeFile(ATS));
    await s.db.query(
      `INSERT INTO updates (project_id, cantiere_id, author_platform, author_id, author_name, status, summary, source)
       VALUES ('colli-di-bottiglia', 'c4', 'console', 'u', 'U', 'on_track', 'mappatura avviata', 'form')`,
    );
    const without = atsText.replace(/ {6}- id: colli-di-bottiglia\n.*\n.*\n/, '');
    const summary = await loadProgramme(s.db, parseProgrammeFile('p.yaml', without));
    expect(summary.archived).toEqual(['colli-di-bottiglia']);
    const [p] = await s.db.query(`SELECT archived FROM projects WHERE id = 'colli-di-bottiglia'`);
    expect(p.archived).toBe(true);
    const [u] = await s.db.query(`SELECT count(*)::int AS n FROM updates WHERE project_id = 'colli-di-bottiglia'`);
    expect(u.n).toBe(1);
    // Back in the file: active again.
    await loadProgramme(s.db, parseProgrammeFile(ATS));
    const [again] = await s.db.query(`SELECT archived FROM projects WHERE id = 'colli-di-bottiglia'`);
    expect(again.archived).toBe(false);
  });
});

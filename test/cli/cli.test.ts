import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { runCli, SHARED } from '../support/cli.ts';

const ATS = join(SHARED, 'programme', 'io-ci-credo.yaml');

test('every subcommand has --help', async () => {
  for (const cmd of [['ingest'], ['search'], ['ask'], ['update', 'parse'], ['update', 'add'], ['update', 'list'], ['digest'], ['serve'], ['chat'], ['programme', 'load'], ['reindex']]) {
    const r = await runCli([...cmd, '--help']);
    expect(r.code, cmd.join(' ')).toBe(0);
    expect(r.stdout).toContain(`Usage: regia ${cmd.join(' ')}`);
  }
}, 120_000);

test('regia --help lists every command, and a mistyped one is answered with the right name', async () => {
  const help = await runCli(['--help']);
  expect(help.code).toBe(0);
  for (const name of ['programme', 'people', 'ingest', 'search', 'ask', 'update', 'digest', 'serve', 'chat', 'reindex', 'start', 'board', 'indicators', 'report']) {
    expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  }
  // A database that is never reached: no embedded server is started for the mistyped call.
  const typo = await runCli(['serch', 'ZLS'], { env: { DATABASE_URL: 'postgres://regia@127.0.0.1:1/regia' } });
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain('Did you mean search?');
}, 60_000);

test('a malformed environment variable stops the program with one line naming it', async () => {
  const r = await runCli(['programme', 'load', ATS], { env: { PORT: 'not-a-port' } });
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/PORT: expected/);
});

test('PostgreSQL without a reachable server is reported without its password', async () => {
  const r = await runCli(['programme', 'load', ATS], { env: { DATABASE_URL: 'postgres://regia:hunter2@127.0.0.1:1/regia' } });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/cannot connect to PostgreSQL/);
  expect(r.stderr).not.toContain('hunter2');
});

for (const engine of testEngines()) {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(engine);
  });
  afterAll(async () => target?.destroy());

  test(`[${engine}] regia programme load: 8 cantieri, 19 projects; twice changes nothing; bad files write nothing`, async () => {
    const bad = mkdtempSync(join(tmpdir(), 'regia-prog-'));
    const missingId = join(bad, 'missing.yaml');
    writeFileSync(missingId, readFileSync(ATS, 'utf8').replace('      - id: zls\n', '      - name_only: zls\n'));
    const r0 = await runCli(['programme', 'load', missingId], { env: target.env });
    expect(r0.code).toBe(1);
    expect(r0.stderr).toContain('cantieri[3].projects[0].id: required');

    const r1 = await runCli(['programme', 'load', ATS, '--json'], { env: target.env });
    expect(r1.stderr).toBe('');
    expect(JSON.parse(r1.stdout)).toMatchObject({ cantieri: 8, projects: 19 });
    const r2 = await runCli(['programme', 'load', ATS, '--json'], { env: target.env });
    expect(JSON.parse(r2.stdout)).toMatchObject({ cantieri: 8, projects: 19, changed: 0 });

    const badYaml = join(bad, 'bad.yaml');
    writeFileSync(badYaml, 'programme: {id: x\ncantieri: [');
    const r3 = await runCli(['programme', 'load', badYaml], { env: target.env });
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/bad\.yaml: bad YAML/);
  }, 120_000);
}

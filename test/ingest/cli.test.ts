import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, SHARED } from '../support/cli.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { writeBadInputs } from './fixtures.ts';

const CORPUS = join(SHARED, 'corpus');
const PROGRAMME = join(SHARED, 'programme', 'io-ci-credo.yaml');

for (const engine of testEngines()) {
  describe(`regia ingest [${engine}]`, () => {
    let target: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      target = await createTestDatabase(engine);
      dir = mkdtempSync(join(tmpdir(), 'regia-ingest-cli-'));
    });
    afterAll(async () => {
      await target?.destroy();
      rmSync(dir, { recursive: true, force: true });
    });
    const ingest = (...args: string[]) => runCli(['ingest', ...args], { env: { ...target.env, REGIA_MAX_FILE_MB: '1' } });

    test('the corpus goes in, a second run adds nothing, an edited file is replaced alone', async () => {
      const corpus = join(dir, 'corpus');
      cpSync(CORPUS, corpus, { recursive: true });
      const first = await ingest(corpus, '--programme', PROGRAMME, '--json');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const s1 = JSON.parse(first.stdout);
      expect(s1).toMatchObject({ added: 5, unchanged: 0, replaced: 0, failed: [] });
      expect(s1.chunks).toBeGreaterThan(50);

      const second = await ingest(corpus, '--json');
      expect(JSON.parse(second.stdout)).toEqual({ added: 0, unchanged: 5, replaced: 0, chunks: 0, failed: [], warnings: [] });

      appendFileSync(join(corpus, '001_0754b0b924f8d701.txt'), '\nAggiornamento: il comitato ha approvato il nuovo calendario dei cantieri.\n');
      const third = await ingest(corpus);
      expect(third.code).toBe(0);
      expect(third.stdout).toMatch(/^documents: 0 added, 4 unchanged, 1 replaced, 0 failed; \d+ chunks written\n$/);
    }, 180_000);

    test('a folder mixing good and bad files: good ones in, every bad one named with its reason, exit 1', async () => {
      const mixed = join(dir, 'mixed');
      cpSync(CORPUS, mixed, { recursive: true });
      const expected = await writeBadInputs(mixed, 1);
      const res = await ingest(mixed);
      expect(res.code).toBe(1);
      const counts = /^documents: (\d+) added, (\d+) unchanged, (\d+) replaced, 7 failed; \d+ chunks written\n/.exec(res.stdout);
      // The corpus names are already known from the test above: its 5 files count once, not twice.
      expect(counts && Number(counts[1]) + Number(counts[2]) + Number(counts[3])).toBe(5);
      const failed = Object.fromEntries([...res.stdout.matchAll(/^ {2}failed: ([^:]+): (.*)$/gm)].map((m) => [m[1], m[2]]));
      expect(Object.keys(failed).sort()).toEqual(Object.keys(expected).sort());
      for (const [file, reason] of Object.entries(expected)) expect(failed[file], file).toMatch(reason);
      expect(res.stdout).not.toContain('\r'); // no progress bar when not on a terminal
    }, 120_000);
  });
}

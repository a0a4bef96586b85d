import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import { search } from '../../../src/core/retrieval/search.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { SHARED } from '../../support/cli.ts';
import { describeEachEngine, resetTables } from '../../support/db.ts';
import { testApp } from './fixtures.ts';

// A real programme of a few hundred chunks: large enough that the HNSW graph, built at random,
// ranked some questions differently from one ingestion to the next.
const PROGRAMME = join(SHARED, 'eval', 'programme3');
const QUESTIONS = readFileSync(join(PROGRAMME, 'qa-dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).question as string);

describeEachEngine('search is deterministic', (s) => {
  test('the same documents ingested twice rank every question the same', { timeout: 240_000 }, async () => {
    const rankings: string[][] = [];
    for (let round = 0; round < 2; round++) {
      await resetTables(s.db);
      const app = testApp(s.db);
      await loadProgramme(s.db, parseProgrammeFile(join(PROGRAMME, 'programme.yaml')));
      const summary = await ingestPaths(app, [join(PROGRAMME, 'docs')]);
      expect(summary.failed).toEqual([]);
      const ranked: string[] = [];
      for (const q of QUESTIONS) {
        const results = await search(app, q, { k: 10 });
        ranked.push(results.map((r) => `${r.source}#${r.section}:${r.score.toFixed(6)}`).join(' | '));
      }
      rankings.push(ranked);
    }
    expect(rankings[1]).toEqual(rankings[0]);
  });
});

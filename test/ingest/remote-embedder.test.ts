import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ingestPaths } from '../../ingest/pipeline.ts';
import type { AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { describeEachEngine } from '../support/db.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';

const dir = mkdtempSync(join(tmpdir(), 'regia-ingest-remote-'));
let server: FakeOpenAI;
let failing = false;
beforeAll(async () => {
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'nota.md'), '# Nota\n\nLa ZLS è al 40% e il protocollo è firmato.\n\n## Rischi\n\nI tempi regionali restano incerti.');
  writeFileSync(join(dir, 'docs', 'altra.txt'), 'Il Digital Center sceglierà la sede entro dicembre.');
  // A model of unknown width: Regia learns it (3) from the first answer.
  server = await startFakeOpenAI({
    embeddings: (body) => (failing ? { status: 500, body: { error: { message: 'overloaded' } } } : (body.input as string[]).map((t) => [t.length, 1, 0.5])),
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describeEachEngine('ingestion through an OpenAI-compatible embedder', (s) => {
  const app = (): AppContext => ({
    config: loadConfig({ REGIA_DEMO: 'off', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k', EMBEDDING_MODEL: 'custom-embedder' }, { dotenv: false }),
    log: createLogger('silent'),
    db: s.db,
    programme: () => readProgramme(s.db),
    close: async () => {},
  });

  test('vectors and embedder id come from the endpoint; a second run with a fresh process is unchanged', async () => {
    failing = false;
    expect(await ingestPaths(app(), [join(dir, 'docs')])).toMatchObject({ added: 2, failed: [] });
    const rows = await s.db.query(`SELECT DISTINCT embedder, vector_dims(embedding) AS dims FROM chunks`);
    expect(rows).toEqual([{ embedder: 'openai:custom-embedder@3', dims: 3 }]);
    // A new app (new embedder instance, width not yet known) still recognises the stored documents.
    expect(await ingestPaths(app(), [join(dir, 'docs')])).toEqual({ added: 0, unchanged: 2, replaced: 0, chunks: 0, failed: [], warnings: [] });
  });

  test('an embedding endpoint that fails is reported per file, and nothing is written', async () => {
    failing = true;
    const summary = await ingestPaths(app(), [join(dir, 'docs')]);
    expect(summary.failed.map((f) => f.file).sort()).toEqual(['altra.txt', 'nota.md']);
    for (const f of summary.failed) expect(f.reason).toMatch(/^embedding failed: embedding endpoint .* failed for model custom-embedder/);
    expect(await s.db.query(`SELECT id FROM documents`)).toEqual([]);
    expect(await s.db.query(`SELECT id FROM chunks`)).toEqual([]);
  });
});

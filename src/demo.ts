import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from './app.ts';
import { loadProgramme, parseProgrammeFile, programmePersonId } from './programme/load.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PROGRAMME = join(ROOT, 'examples', 'programme.yaml');
export const DEMO_CORPUS = join(ROOT, 'examples', 'corpus');
export const DEMO_INDICATOR_VALUES = join(ROOT, 'examples', 'indicator-values.csv');
export const DEMO_UPDATES = join(ROOT, 'examples', 'updates.csv');

/**
 * First start on an empty database: load the programme file (REGIA_PROGRAMME, or the demo one)
 * and the demo corpus, so `npm start` has something to talk about with no configuration.
 */
export async function bootstrap(app: AppContext): Promise<{ loadedProgramme?: string; ingested?: number; updates?: number; indicatorValues?: number }> {
  const out: { loadedProgramme?: string; ingested?: number; updates?: number; indicatorValues?: number } = {};
  if (!(await app.programme())) {
    const file = app.config.programmeFile ?? (app.config.demo ? DEMO_PROGRAMME : undefined);
    if (file && existsSync(file)) {
      const summary = await loadProgramme(app.db, parseProgrammeFile(file));
      out.loadedProgramme = summary.programme;
      app.log.info({ file, cantieri: summary.cantieri, projects: summary.projects }, 'programme loaded on first start');
    }
  }
  // The demo corpus goes in once, on an empty database in demo mode; a real installation ingests its own.
  if (app.config.demo && !app.config.programmeFile && existsSync(DEMO_CORPUS)) {
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents`);
    if (n === 0) {
      const { ingestPaths } = await import('../ingest/pipeline.ts');
      const summary = await ingestPaths(app, [DEMO_CORPUS]);
      out.ingested = summary.added + summary.replaced;
      for (const f of summary.failed) app.log.warn({ file: f.file, reason: f.reason }, 'demo document not ingested');
      app.log.info({ documents: out.ingested, chunks: summary.chunks }, 'demo corpus ingested on first start');
    }
  }
  // A year of progress updates and of indicator values, so the report and the answers have something to show.
  if (app.config.demo && !app.config.programmeFile && existsSync(DEMO_UPDATES)) {
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM updates`);
    if (n === 0) out.updates = await importDemoUpdates(app, readFileSync(DEMO_UPDATES, 'utf8'));
  }
  // A year of indicator values, so the report and the indicator answers have something to show.
  if (app.config.demo && !app.config.programmeFile && existsSync(DEMO_INDICATOR_VALUES)) {
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM indicator_values`);
    if (n === 0) {
      const { importIndicatorValues } = await import('./core/indicators/import.ts');
      const summary = await importIndicatorValues(app, 'indicator-values.csv', readFileSync(DEMO_INDICATOR_VALUES, 'utf8'), (name) => ({
        platform: 'cli',
        userId: programmePersonId(name ?? 'demo'),
        displayName: name ?? 'demo',
      }));
      out.indicatorValues = summary.added;
      app.log.info({ values: summary.added }, 'demo indicator values imported on first start');
    }
  }
  return out;
}

/** The demo's history of progress updates (examples/updates.csv), logged at their own dates. */
async function importDemoUpdates(app: AppContext, text: string): Promise<number> {
  const { parse } = await import('csv-parse/sync');
  const { saveUpdate } = await import('./core/updates/store.ts');
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  for (const r of rows) {
    const author = r.author || 'demo';
    await saveUpdate(
      app,
      {
        project: r.project,
        status: r.status as 'on_track',
        progress: r.progress === '' ? null : Number(r.progress),
        summary: r.summary,
        next_steps: r.next_steps || null,
        blockers: r.blockers || null,
        due_date: r.due_date || null,
      },
      { platform: 'cli', userId: programmePersonId(author), displayName: author },
      { source: 'import', createdAt: new Date(`${r.date}T09:00:00Z`) },
    );
  }
  return rows.length;
}

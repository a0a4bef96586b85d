import { join } from 'node:path';
import type { Queryable } from '../../../db/client.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import type { Db } from '../../../db/client.ts';
import { SHARED } from '../../support/cli.ts';

export const ATS = join(SHARED, 'programme', 'io-ci-credo.yaml');

/** Loads the ATS programme (optionally in English) into an empty database. */
export async function loadAts(db: Db, { lang = 'it' as 'it' | 'en' } = {}): Promise<void> {
  const file = parseProgrammeFile(ATS);
  file.programme.language = lang;
  await loadProgramme(db, file);
}

export interface UpdateRow {
  project: string;
  status: 'not_started' | 'on_track' | 'at_risk' | 'blocked' | 'done';
  progress?: number | null;
  summary: string;
  next_steps?: string | null;
  blockers?: string | null;
  due_date?: string | null;
  /** When it was logged (ISO instant): tests pin history precisely. */
  at: string;
  supersedes?: number;
}

/** Inserts a logged update at a chosen instant (the store stamps now(); history needs the past). */
export async function logUpdate(db: Queryable, u: UpdateRow): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO updates (project_id, cantiere_id, supersedes, author_platform, author_id, author_name, status, progress,
                          summary, next_steps, blockers, due_date, source, created_at)
     SELECT $1, cantiere_id, $2, 'slack', 'U0TEST', 'Maria Rossi', $3, $4, $5, $6, $7, $8, 'form', $9
       FROM projects WHERE id = $1
     RETURNING id`,
    [u.project, u.supersedes ?? null, u.status, u.progress ?? null, u.summary, u.next_steps ?? null, u.blockers ?? null, u.due_date ?? null, u.at],
  );
  return row.id;
}

/**
 * A few weeks of cantiere 8's life before the digest of 2026-W40 (Monday 28 Sep 2026, 09:00 in Rome):
 * the Hub Dati got blocked, the Digital Center's deadline passed (its update was revised), Built Your
 * Idea has been silent since August, and something logged after the digest time must not show.
 */
export async function seedCantiere8(db: Queryable): Promise<void> {
  await logUpdate(db, { project: 'hub-dati', status: 'on_track', progress: 30, summary: 'Raccolta dei dataset avviata', at: '2026-09-18T10:00:00Z' });
  await logUpdate(db, {
    project: 'hub-dati',
    status: 'blocked',
    progress: 40,
    summary: 'Schema dati condiviso con i comuni',
    next_steps: 'Firma della convenzione con la Provincia',
    blockers: 'Attesa firma della convenzione',
    due_date: '2026-10-05',
    at: '2026-09-25T15:00:00Z',
  });
  const dc = await logUpdate(db, { project: 'digital-center', status: 'at_risk', progress: 50, summary: 'Bando pubblicato', due_date: '2026-09-20', at: '2026-09-24T09:00:00Z' });
  await logUpdate(db, {
    project: 'digital-center',
    status: 'at_risk',
    progress: 55,
    summary: 'Bando pubblicato, graduatoria in ritardo',
    due_date: '2026-09-21',
    at: '2026-09-26T09:00:00Z',
    supersedes: dc,
  });
  await logUpdate(db, { project: 'built-your-idea', status: 'on_track', progress: 20, summary: 'Primo bando incubazione', at: '2026-08-01T09:00:00Z' });
  // After the digest time of 2026-W40: invisible in that digest.
  await logUpdate(db, { project: 'hub-dati', status: 'done', progress: 100, summary: 'Convenzione firmata', at: '2026-09-29T08:00:00Z' });
}

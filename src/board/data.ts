import type { Queryable } from '../../db/client.ts';
import { isStale } from '../core/updates/stale.ts';
import type { AppContext } from '../app.ts';
import type { UpdateStatus } from '../core/updates/schema.ts';
import { latestUpdates, listUpdates, type StoredUpdate } from '../core/updates/store.ts';
import { calendarDaysBetween, localDate } from '../core/time.ts';
import type { Programme, Project } from '../programme/model.ts';
import { boardIndicators, type IndicatorView } from './indicators.ts';

/** What the board shows, as plain data read from the database (no HTML here). */

export interface ProjectCard {
  id: string;
  name: string;
  status: UpdateStatus | null;
  progress: number | null;
  latest: StoredUpdate | null;
  /** Whole days since the latest update (programme time zone); null when never updated. */
  ageDays: number | null;
  /** Not done and the latest update is older than the programme's stale_after_days (never updated shows as such). */
  stale: boolean;
  /** Blockers of the latest update, unless the project is done. */
  blockers: string | null;
  /** The latest update's due date (YYYY-MM-DD) unless done, and whether it has passed. */
  due: { date: string; overdue: boolean } | null;
}

export interface CantiereCard {
  id: string;
  number: string;
  name: string;
  projects: ProjectCard[];
  indicators: IndicatorView[];
}

export interface BoardData {
  programme: Pick<Programme, 'id' | 'name' | 'timezone' | 'language' | 'staleAfterDays'>;
  cantieri: CantiereCard[];
  /** Programme-wide indicators (those not attached to a cantiere). */
  indicators: IndicatorView[];
  counts: Record<UpdateStatus | 'none', number>;
  staleCount: number;
  marker: string;
}

export interface DocumentRow {
  id: number;
  title: string;
  source: string;
  kind: string;
  ingestedAt: string;
}

export interface ProjectPage {
  programme: BoardData['programme'];
  cantiere: { id: string; number: string; name: string };
  card: ProjectCard;
  /** Current revisions, newest first. */
  history: StoredUpdate[];
  documents: DocumentRow[];
  indicators: IndicatorView[];
  marker: string;
}

/**
 * A cheap marker of everything the board shows: it changes when an update is saved, a document
 * is added or removed, an indicator value is reported, or the programme file is reloaded.
 * Live refresh compares markers.
 */
export async function boardMarker(db: Queryable): Promise<string> {
  const [row] = await db.query<{ marker: string }>(
    `SELECT concat_ws('.',
       (SELECT coalesce(max(id), 0) FROM updates),
       (SELECT coalesce(max(id), 0) FROM indicator_values),
       (SELECT count(*) FROM documents),
       (SELECT coalesce(floor(extract(epoch FROM max(ingested_at)) * 1000), 0) FROM documents),
       (SELECT coalesce(floor(extract(epoch FROM max(updated_at)) * 1000), 0) FROM programmes)) AS marker`,
  );
  return row.marker;
}

function projectCard(project: Project, latest: StoredUpdate | undefined, programme: Programme, now: Date): ProjectCard {
  if (!latest) {
    return { id: project.id, name: project.name, status: null, progress: null, latest: null, ageDays: null, stale: false, blockers: null, due: null };
  }
  const ageDays = Math.max(0, calendarDaysBetween(new Date(latest.createdAt), now, programme.timezone));
  const open = latest.status !== 'done';
  return {
    id: project.id,
    name: project.name,
    status: latest.status,
    progress: latest.progress,
    latest,
    ageDays,
    stale: open && isStale(latest.createdAt, now, programme.staleAfterDays),
    blockers: open ? latest.blockers : null,
    due: open && latest.due_date ? { date: latest.due_date, overdue: latest.due_date < localDate(now, programme.timezone) } : null,
  };
}

function programmeInfo(p: Programme): BoardData['programme'] {
  return { id: p.id, name: p.name, timezone: p.timezone, language: p.language, staleAfterDays: p.staleAfterDays };
}

/** The whole programme on one page: every active cantiere with its projects' latest state. */
export async function loadBoard(app: AppContext, now: Date = new Date()): Promise<BoardData | null> {
  const marker = await boardMarker(app.db);
  const programme = await app.programme();
  if (!programme) return null;
  const latest = new Map((await latestUpdates(app.db)).map((u) => [u.project, u]));
  const indicators = await boardIndicators(app);
  const counts: BoardData['counts'] = { not_started: 0, on_track: 0, at_risk: 0, blocked: 0, done: 0, none: 0 };
  let staleCount = 0;
  const cantieri = programme.cantieri
    .filter((c) => !c.archived)
    .map((c) => {
      const projects = c.projects.filter((p) => !p.archived).map((p) => projectCard(p, latest.get(p.id), programme, now));
      for (const p of projects) {
        counts[p.status ?? 'none'] += 1;
        if (p.stale) staleCount += 1;
      }
      return { id: c.id, number: c.number, name: c.name, projects, indicators: indicators.filter((i) => i.cantiereId === c.id) };
    });
  return {
    programme: programmeInfo(programme),
    cantieri,
    indicators: indicators.filter((i) => !i.cantiereId),
    counts,
    staleCount,
    marker,
  };
}

/** One project: its current state, the history of its updates and the documents about it. */
export async function loadProjectPage(app: AppContext, projectId: string, now: Date = new Date()): Promise<ProjectPage | null> {
  const marker = await boardMarker(app.db);
  const programme = await app.programme();
  const cantiere = programme?.cantieri.find((c) => c.projects.some((p) => p.id === projectId));
  const project = cantiere?.projects.find((p) => p.id === projectId);
  if (!programme || !cantiere || !project) return null;
  const history = (await listUpdates(app.db, { projectId })).reverse();
  const rows = await app.db.query(
    `SELECT id, title, source, kind, ingested_at FROM documents
     WHERE $1 = ANY(projects) OR (cardinality(projects) = 0 AND $2 = ANY(cantieri))
     ORDER BY ingested_at DESC, id DESC LIMIT 50`,
    [project.id, cantiere.id],
  );
  const indicators = (await boardIndicators(app)).filter((i) => i.projectId === project.id);
  return {
    programme: programmeInfo(programme),
    cantiere: { id: cantiere.id, number: cantiere.number, name: cantiere.name },
    card: projectCard(project, history[0], programme, now),
    history,
    documents: rows.map((r) => ({ id: Number(r.id), title: r.title, source: r.source, kind: r.kind, ingestedAt: new Date(r.ingested_at).toISOString() })),
    indicators,
    marker,
  };
}

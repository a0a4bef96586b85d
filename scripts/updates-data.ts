/**
 * The update-message development sets of every programme in ../shared/eval, with their
 * programmes read from the programme files (no database), and the scoring of
 * ../shared/eval/score-updates.mjs. Used by scripts/fit-status.ts and by the bench.
 */
import { join } from 'node:path';
import { DEFAULT_SHARED, devProgrammes, readJsonl } from './dev-programmes.ts';
import { parseProgrammeFile, programmeOfFile } from '../src/programme/load.ts';
import type { Programme } from '../src/programme/model.ts';
import { parseUpdateOffline, statusFeaturesOfMessage } from '../src/core/updates/offline-parse.ts';
import type { ParsedUpdate, UpdateStatus } from '../src/core/updates/schema.ts';
import type { StatusWeights } from '../src/core/updates/status-classifier.ts';
import type { StatusExample } from '../src/core/updates/status-fit.ts';

export { DEFAULT_SHARED };

export interface UpdateItem {
  id: string;
  lang: 'it' | 'en';
  text: string;
  expected: { project: string | null; status: UpdateStatus | null; progress: number | null; has_blockers: boolean; due_date: string | null };
}

export interface UpdateSet {
  /** Path under eval/, e.g. `programme3/updates-dev.jsonl`. */
  name: string;
  items: UpdateItem[];
}

export interface UpdateProgramme {
  name: string;
  programme: Programme;
  sets: UpdateSet[];
}

/** The two development programmes with their update sets. */
export function updateProgrammes(shared = DEFAULT_SHARED): UpdateProgramme[] {
  const evalDir = join(shared, 'eval');
  return devProgrammes(shared).map((p) => ({
    name: p.name,
    programme: programmeOfFile(parseProgrammeFile(p.programmeFile)),
    sets: p.updates.map((s) => ({ name: s, items: readJsonl<UpdateItem>(join(evalDir, s)) })),
  }));
}

export interface UpdateScores {
  n: number;
  project: number;
  status: number;
  progress: number;
  has_blockers: number;
  due_date: number;
  all: number;
  misses: string[];
}

/** Share of items with each field right, as score-updates.mjs counts it. */
export function scoreUpdates(items: UpdateItem[], parsed: (item: UpdateItem) => ParsedUpdate): UpdateScores {
  const right = { project: 0, status: 0, progress: 0, has_blockers: 0, due_date: 0, all: 0 };
  const misses: string[] = [];
  for (const item of items) {
    const p = parsed(item);
    const got = { project: p.project, status: p.status, progress: p.progress, has_blockers: Boolean(p.blockers?.trim()), due_date: p.due_date };
    let all = true;
    for (const f of ['project', 'status', 'progress', 'has_blockers', 'due_date'] as const) {
      if (got[f] === (item.expected[f] ?? null)) right[f]++;
      else {
        all = false;
        misses.push(`${item.id} ${f}: got ${JSON.stringify(got[f])}, want ${JSON.stringify(item.expected[f])}`);
      }
    }
    if (all) right.all++;
  }
  const n = items.length;
  const share = (k: keyof typeof right) => right[k] / n;
  return { n, project: share('project'), status: share('status'), progress: share('progress'), has_blockers: share('has_blockers'), due_date: share('due_date'), all: share('all'), misses };
}

/** Runs are dated so that relative deadlines ("entro fine marzo") read the same every time. */
export const DEV_NOW = new Date('2026-12-01T12:00:00Z');

/** A generic status phrasing written for training (data/status-phrases.jsonl), not a dev item. */
interface Phrase {
  lang: 'it' | 'en';
  text: string;
  status: UpdateStatus | null;
}

export const PHRASES_FILE = new URL('../data/status-phrases.jsonl', import.meta.url);

export function statusPhrases(): Phrase[] {
  return readJsonl<Phrase>(PHRASES_FILE.pathname);
}

/** Labelled status examples of a programme's update sets, read as the parser reads them. */
export function statusExamples(up: UpdateProgramme): StatusExample[] {
  return up.sets.flatMap((s) =>
    s.items.map((i) => ({
      x: statusFeaturesOfMessage(up.programme, i.text, { now: DEV_NOW, timeZone: up.programme.timezone }),
      label: i.expected.status ?? 'none',
    })),
  );
}

/** The generic phrasings as examples (read with no programme: they name none). */
export function phraseExamples(): StatusExample[] {
  return statusPhrases().map((p) => ({ x: statusFeaturesOfMessage(null, p.text, { now: DEV_NOW }), label: p.status ?? 'none' }));
}

/** Scores the offline parser on every set of a programme, with the given status classifier or the cue patterns. */
export function scoreProgramme(up: UpdateProgramme, status: StatusWeights | 'cues'): { set: string; scores: UpdateScores }[] {
  const opts = { now: DEV_NOW, timeZone: up.programme.timezone, ...(status === 'cues' ? { status: 'cues' as const } : { statusWeights: status }) };
  return up.sets.map((s) => ({ set: s.name, scores: scoreUpdates(s.items, (i) => parseUpdateOffline(up.programme, i.text, opts)) }));
}

/** Share of a programme's items (all sets together) whose status is right. */
export function statusAccuracy(rows: { scores: UpdateScores }[]): number {
  const n = rows.reduce((a, r) => a + r.scores.n, 0);
  return rows.reduce((a, r) => a + r.scores.status * r.scores.n, 0) / n;
}

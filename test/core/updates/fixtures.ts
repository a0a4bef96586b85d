import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProgrammeFile, programmeOfFile } from '../../../src/programme/load.ts';
import type { Programme } from '../../../src/programme/model.ts';
import type { ParsedUpdate } from '../../../src/core/updates/schema.ts';
import { SHARED } from '../../support/cli.ts';

export const PROGRAMME_FILE = join(SHARED, 'programme', 'io-ci-credo.yaml');
export const UPDATES_DEV = join(SHARED, 'eval', 'updates-dev.jsonl');

/** The programme as `readProgramme` would return it after loading the file (no database needed). */
export function programmeFromFile(file = PROGRAMME_FILE): Programme {
  return programmeOfFile(parseProgrammeFile(file));
}

export interface EvalItem {
  id: string;
  lang: string;
  text: string;
  expected: { project: string; status: string; progress: number | null; has_blockers: boolean; due_date: string | null };
}

export function readEval(file = UPDATES_DEV): EvalItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

export interface Score {
  n: number;
  project: number;
  status: number;
  progress: number;
  blockers: number;
  due_date: number;
  misses: string[];
}

/** Share of items right per field, as the issue judges the parser. */
export function scoreParses(items: EvalItem[], parsed: Map<string, ParsedUpdate>): Score {
  const right = { project: 0, status: 0, progress: 0, blockers: 0, due_date: 0 };
  const misses: string[] = [];
  for (const item of items) {
    const p = parsed.get(item.id);
    const e = item.expected;
    const check = (field: keyof typeof right, ok: boolean, got: unknown, want: unknown) => {
      if (ok) right[field]++;
      else misses.push(`${item.id} ${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    check('project', p?.project === e.project, p?.project, e.project);
    check('status', p?.status === e.status, p?.status, e.status);
    check('progress', (p?.progress ?? null) === e.progress, p?.progress, e.progress);
    check('blockers', Boolean(p?.blockers) === e.has_blockers, p?.blockers, e.has_blockers);
    check('due_date', (p?.due_date ?? null) === e.due_date, p?.due_date, e.due_date);
  }
  const n = items.length;
  return {
    n,
    project: right.project / n,
    status: right.status / n,
    progress: right.progress / n,
    blockers: right.blockers / n,
    due_date: right.due_date / n,
    misses,
  };
}

import type { Db } from '../../../db/client.ts';
import type { AppContext } from '../../../src/app.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { loadProgramme } from '../../../src/programme/load.ts';
import { readProgramme } from '../../../src/programme/model.ts';

/** An AppContext over a test database (what openApp builds), with config overrides. */
export function appOver(db: Db, overrides: Partial<Config> = {}): AppContext {
  const config = { ...loadConfig({ REGIA_DEMO: 'off' } as NodeJS.ProcessEnv, { dotenv: false }), ...overrides };
  return { config, log: createLogger('silent'), db, programme: () => readProgramme(db), close: async () => {} };
}

/** Loads a programme file into the database (the shared example by default). */
export async function loadTestProgramme(db: Db, file = PROGRAMME_FILE): Promise<void> {
  await loadProgramme(db, parseProgrammeFile(file));
}

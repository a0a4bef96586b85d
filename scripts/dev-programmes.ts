/** The development programmes of the shared evaluation data (../shared/eval), for the fit scripts and the bench. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_SHARED = resolve(import.meta.dirname, '..', '..', 'shared');

export interface DevProgramme {
  name: string;
  programmeFile: string;
  docs: string;
  qa: string[];
  /** Update-message sets, as paths under eval/ (the names the fitted weights record). */
  updates: string[];
}

/** The two development programmes of the shared evaluation data. */
export function devProgrammes(shared: string): DevProgramme[] {
  const evalDir = join(shared, 'eval');
  return [
    {
      name: 'cremona',
      programmeFile: join(shared, 'programme', 'io-ci-credo.yaml'),
      docs: join(shared, 'corpus'),
      qa: [join(evalDir, 'qa-dev.jsonl'), join(evalDir, 'qa-dev-2.jsonl')],
      updates: ['updates-dev.jsonl', 'updates-dev-2.jsonl'],
    },
    {
      name: 'programme3',
      programmeFile: join(evalDir, 'programme3', 'programme.yaml'),
      docs: join(evalDir, 'programme3', 'docs'),
      qa: [join(evalDir, 'programme3', 'qa-dev.jsonl')],
      updates: ['programme3/updates-dev.jsonl'],
    },
  ];
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

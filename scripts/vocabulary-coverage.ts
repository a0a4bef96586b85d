/**
 * Which frequent Italian words of the development programmes' documents the general vocabulary
 * cannot reach from English: the list the vocabulary is grown from (most frequent first), so it is
 * chosen by a stated principle (the programme language's most used content words), not by the
 * questions. Prints "stem  documents  chunks-like count  example forms".
 *
 *   node bin/run-ts.js scripts/vocabulary-coverage.ts [--top 400] [--shared ../shared] [DIR...]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stems, words } from '../src/core/embedding/analyze.ts';
import { fold } from '../src/core/language.ts';
import { generalVocabulary } from '../src/core/vocabulary/vocabulary.ts';
import { DEFAULT_SHARED, devProgrammes } from './dev-programmes.ts';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '400' }, shared: { type: 'string', default: DEFAULT_SHARED } },
  allowPositionals: true,
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(txt|md|html?)$/.test(f) ? [p] : [];
  });
}

const dirs = positionals.length ? positionals : devProgrammes(values.shared).map((p) => p.docs);
const covered = new Set(Object.values(generalVocabulary().en_it).flatMap((its) => its.flatMap((it) => stems(it))));
/** Per stem: in how many of the programmes' folders it occurs (a word of one programme only is its own term), and how often. */
const count = new Map<string, { dirs: Set<string>; n: number; forms: Map<string, number> }>();
for (const dir of dirs) {
  for (const f of files(dir)) {
    for (const w of words(readFileSync(f, 'utf8'))) {
      if (/\d/.test(w) || w.length < 4) continue;
      const s = stems(w)[0];
      if (!s || covered.has(s)) continue;
      const c = count.get(s) ?? { dirs: new Set<string>(), n: 0, forms: new Map<string, number>() };
      count.set(s, c);
      c.dirs.add(dir);
      c.n++;
      c.forms.set(fold(w), (c.forms.get(fold(w)) ?? 0) + 1);
    }
  }
}
const ranked = [...count.entries()].sort((a, b) => b[1].dirs.size - a[1].dirs.size || b[1].n - a[1].n || a[0].localeCompare(b[0]));
for (const [s, c] of ranked.slice(0, Number(values.top))) {
  const forms = [...c.forms.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([f]) => f);
  console.log(`${s}\t${c.dirs.size}\t${c.n}\t${forms.join(' ')}`);
}


/**
 * The real-text distractors of the scale bench: Debian's Italian documentation (built by
 * ../shared/scale/build-corpus.sh) and paragraphs of it re-mixed into new documents
 * (../shared/scale/remix.mjs), built once into a cache folder and reused.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** What the corpus gives, and what each MB of remix adds (measured, ../shared/scale/README.md). */
const CORPUS_CHUNKS = 23_927;
const REMIX_CHUNKS_PER_MB = 1_065;

export function scaleDir(): string {
  return process.env.BENCH_SCALE_DIR ?? process.env.REGIA_SCALE_DIR ?? join(process.env.TMPDIR ?? '/tmp', 'regia-it-corpus');
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

/**
 * Folders to ingest for about `target` chunks: below the corpus size, an evenly spread share of the
 * corpus's files (hard links, or copies across file systems: ingestion does not follow symbolic
 * links out of the folder it is given), so every package keeps its part of the mix; above it, the
 * corpus and enough remix.
 */
export function distractorPaths(shared: string, target: number, log: (m: string) => void): string[] {
  const dir = scaleDir();
  const corpus = join(dir, 'corpus');
  if (!existsSync(corpus)) {
    log(`building the Italian corpus in ${dir} (once; about a minute plus downloads)`);
    execFileSync(join(shared, 'scale', 'build-corpus.sh'), [dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (target > CORPUS_CHUNKS) {
    const mb = Math.ceil((target - CORPUS_CHUNKS) / REMIX_CHUNKS_PER_MB);
    const remix = join(dir, `remix-${mb}`);
    if (!existsSync(remix)) {
      log(`re-mixing ${mb} MB of paragraphs into ${remix} (once)`);
      execFileSync('node', [join(shared, 'scale', 'remix.mjs'), corpus, remix, String(mb)], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    return [corpus, remix];
  }
  const subset = join(dir, `subset-${target}-linked`);
  if (!existsSync(subset)) {
    const all = files(corpus);
    const share = target / CORPUS_CHUNKS;
    mkdirSync(subset);
    all.forEach((f, i) => {
      if (Math.floor((i + 1) * share) === Math.floor(i * share)) return;
      const link = join(subset, relative(corpus, f));
      mkdirSync(dirname(link), { recursive: true });
      try {
        linkSync(f, link);
      } catch {
        copyFileSync(f, link);
      }
    });
  }
  return [subset];
}

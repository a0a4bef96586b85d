import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The document's identity in the database: the file's base name (see `assignSources`). */
  source: string;
}

export interface ExpandResult {
  files: string[];
  missing: string[];
}

/** Files and folders (recursively, hidden entries skipped) to a sorted list of distinct files. */
export function expandPaths(paths: string[]): ExpandResult {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() || entry.isSymbolicLink()) files.add(full);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs);
    else files.add(abs);
  }
  return { files: [...files], missing };
}

/**
 * A document is known by its file's base name (what search results and citations show). When one
 * run holds two different files with the same base name (a/notes.md, b/notes.md), each gets the
 * shortest trailing part of its path that tells them apart, so neither overwrites the other.
 */
export function assignSources(files: string[]): InputFile[] {
  const byName = new Map<string, string[]>();
  for (const f of files) byName.set(basename(f), [...(byName.get(basename(f)) ?? []), f]);
  return files.map((path) => {
    const same = byName.get(basename(path))!;
    if (same.length === 1) return { path, source: basename(path) };
    const suffix = (f: string, n: number) => f.split(sep).slice(-n).join('/');
    const depth = path.split(sep).length;
    for (let n = 2; n <= depth; n++) {
      const mine = suffix(path, n);
      if (same.every((o) => o === path || suffix(o, n) !== mine)) return { path, source: mine };
    }
    return { path, source: path };
  });
}

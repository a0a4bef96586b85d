import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The document's identity in the database: the file's base name (see `assignSources`). */
  source: string;
}

export interface ExpandResult {
  files: string[];
  missing: string[];
  /** Entries of a folder that are not read, each with the reason (reported, never silent). */
  skipped: { file: string; reason: string }[];
}

/** What a non-regular file is, for the report. */
function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * Files and folders (recursively, hidden entries skipped) to a sorted list of distinct regular
 * files. Inside a folder, a symbolic link is followed only to a regular file within that folder
 * (never to a folder, so no loops); links leading outside, broken links, named pipes, sockets and
 * devices are skipped and reported. A path given by name is the person's choice and is followed.
 */
export function expandPaths(paths: string[]): ExpandResult {
  const files = new Set<string>();
  const missing: string[] = [];
  const skipped: ExpandResult['skipped'] = [];
  const walk = (dir: string, root: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, root);
      else if (entry.isFile()) files.add(full);
      else if (entry.isSymbolicLink()) {
        let target: string;
        let st: Stats;
        try {
          target = realpathSync(full);
          st = statSync(target);
        } catch {
          skipped.push({ file: full, reason: 'broken symbolic link: not followed' });
          continue;
        }
        if (!inside(root, target)) skipped.push({ file: full, reason: 'symbolic link to something outside the folder: not followed' });
        else if (st.isDirectory()) skipped.push({ file: full, reason: 'symbolic link to a folder: not followed' });
        else if (!st.isFile()) skipped.push({ file: full, reason: `symbolic link to ${specialKind(st)}: not read` });
        else files.add(full);
      } else {
        let kind = 'not a regular file';
        try {
          kind = specialKind(statSync(full));
        } catch {
          /* gone meanwhile: reported as special */
        }
        skipped.push({ file: full, reason: `${kind}: not read` });
      }
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs, realpathSync(abs));
    else if (st.isFile()) files.add(abs);
    else skipped.push({ file: abs, reason: `${specialKind(st)}: not read` });
  }
  return { files: [...files], missing, skipped };
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

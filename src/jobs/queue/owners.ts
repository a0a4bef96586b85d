import { hostname } from 'node:os';

/** Whether process `pid` of this host is running (a process we may not signal is running too). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Of the workers `owners` (ids `host:pid:random`, see INSTANCE_ID), those known to be dead: on this
 * host, with no process of that pid, or with this process's pid but another id (an earlier life of
 * this process's pid, e.g. pid 1 of a restarted container). Workers of other hosts are never
 * judged: their leases run out.
 */
export function deadLocalOwners(owners: string[], me: string, host = hostname()): string[] {
  return owners.filter((owner) => {
    const m = /^(.*):(\d+):[^:]*$/.exec(owner);
    if (!m || m[1] !== host || owner === me) return false;
    const pid = Number(m[2]);
    return pid === process.pid || !alive(pid);
  });
}

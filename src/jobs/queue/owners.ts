import { hostname } from 'node:os';
import { processAlive } from '../../../db/process.ts';

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
    return pid === process.pid || !processAlive(pid);
  });
}

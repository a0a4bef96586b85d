import type { Programme } from '../../programme/model.ts';
import type { QueryAnalysis } from '../retrieval/query.ts';
import type { Passage } from './passages.ts';

/**
 * Who coordinates a cantiere is a fact of the programme file, not only of the documents: a
 * who-question naming a cantiere gets it as a passage to quote (`programme:<cantiere id>`).
 */
export function programmePassages(q: QueryAnalysis, programme: Programme | null): Passage[] {
  if (!programme || q.intent !== 'who') return [];
  const out: Passage[] = [];
  for (const id of q.cantieri.slice(0, 2)) {
    const c = programme.cantieri.find((x) => x.id === id);
    if (!c?.teamLeader) continue;
    out.push({
      n: out.length + 1,
      rank: out.length + 1,
      source: `programme:${c.id}`,
      title: programme.name,
      section: `Cantiere ${c.number} – ${c.name}`,
      text: `Il Cantiere ${c.number} (${c.name}) è coordinato dal team leader ${c.teamLeader}.`,
    });
  }
  return out;
}

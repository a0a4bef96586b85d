import type { AppContext } from '../../app.ts';
import type { QueryAnalysis } from '../retrieval/query.ts';
import { projectStatus } from '../updates/status.ts';
import type { Passage } from './passages.ts';

/**
 * The latest logged updates of the projects a status question names, as passages to cite
 * (`update:<id>`). Empty when none was logged: the answer then comes from the documents only.
 */
export async function statusPassages(app: AppContext, q: QueryAnalysis, now: Date): Promise<Passage[]> {
  const out: Passage[] = [];
  for (const project of q.projects.slice(0, 2)) {
    const status = await projectStatus(app, project.id, q.lang, now);
    if (!status.latest || !status.citation) continue;
    out.push({
      n: out.length + 1,
      rank: out.length + 1,
      kind: 'update',
      source: status.citation.source,
      title: status.citation.title,
      section: status.citation.section,
      text: status.text,
    });
  }
  return out;
}

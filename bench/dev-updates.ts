/**
 * Update parsing on every development programme's update sets: the offline parser with the
 * fitted status classifier against the cue patterns it replaced, in the same run, per set; and
 * the classifier fitted on one programme (plus the generic phrasings) and judged on the other.
 */
import { crossProgramme, type StatusCross } from '../scripts/status-data.ts';
import { scoreProgramme, updateProgrammes, type UpdateScores } from '../scripts/updates-data.ts';
import { statusWeights } from '../src/core/updates/status-classifier.ts';

export interface DevUpdatesReport {
  sets: { set: string; fitted: UpdateScores; cues: UpdateScores }[];
  cross: StatusCross[];
}

export function benchDevUpdates(shared: string): DevUpdatesReport {
  const programmes = updateProgrammes(shared);
  const sets: DevUpdatesReport['sets'] = [];
  for (const p of programmes) {
    const cues = scoreProgramme(p, 'cues');
    scoreProgramme(p, statusWeights()).forEach((r, i) => {
      sets.push({ set: r.set, fitted: r.scores, cues: cues[i].scores });
    });
  }
  return { sets, cross: crossProgramme(programmes) };
}

const f3 = (n: number) => n.toFixed(3);

export function renderDevUpdates(r: DevUpdatesReport): string[] {
  const lines = ['## Update parsing, per set (offline parser)', ''];
  lines.push('| set | status from | n | project | status | progress | has_blockers | due_date | all five |', '|---|---|---|---|---|---|---|---|---|');
  for (const s of r.sets) {
    for (const [name, x] of [['fitted classifier', s.fitted], ['cue patterns', s.cues]] as const) {
      lines.push(`| ${s.set} | ${name} | ${x.n} | ${f3(x.project)} | ${f3(x.status)} | ${f3(x.progress)} | ${f3(x.has_blockers)} | ${f3(x.due_date)} | ${f3(x.all)} |`);
    }
  }
  lines.push('', 'Cross-programme: the status classifier fitted without the programme it is judged on; the cue patterns are not fitted.', '');
  lines.push('| fitted on | judged on | n | status, fitted | status, cue patterns |', '|---|---|---|---|---|');
  for (const c of r.cross) lines.push(`| ${c.fittedOn} | ${c.judgedOn} | ${c.n} | ${f3(c.fitted)} | ${f3(c.cues)} |`);
  lines.push('');
  return lines;
}

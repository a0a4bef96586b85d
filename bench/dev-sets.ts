/**
 * The development sets of every programme in ../shared/eval, each scored on its own with the
 * baselines of the same run, and the reader fitted on one programme and judged on the other
 * (what to expect on a programme never seen). Embedded database, offline defaults.
 */
import type { AppContext } from '../src/app.ts';
import { fitAll, openDevProgramme, devProgrammes, type CrossResult, type DevProgramme } from '../scripts/reader-data.ts';
import { collectRetrievalExamples, retrievalCross, type RetrievalCross } from '../scripts/retrieval-data.ts';
import type { RetrievalExample } from '../src/core/retrieval/rerank-fit.ts';
import { baselineChunks, readQa, runBm25, runPgFts, runRegia, score, type Scores, type SystemRun } from './retrieval.ts';

export interface DevSetReport {
  programme: string;
  set: string;
  systems: { run: SystemRun; scores: Scores }[];
}

export interface DevReport {
  sets: DevSetReport[];
  cross: CrossResult[];
  /** Retrieval's evidence model fitted on one programme, judged on the other. */
  retrievalCross: RetrievalCross[];
}

export async function benchDevSets(shared: string, scorer: string, workDir: string, log: (m: string) => void): Promise<DevReport> {
  const opened: { p: DevProgramme; app: AppContext; close: () => Promise<void> }[] = [];
  const sets: DevSetReport[] = [];
  try {
    for (const p of devProgrammes(shared)) {
      log(`dev sets: ${p.name}: loading the programme and ingesting ${p.docs}`);
      const o = await openDevProgramme(p);
      opened.push({ p, ...o });
      const chunks = await baselineChunks(p.docs);
      for (const file of p.qa) {
        const qa = readQa(file);
        log(`dev sets: ${p.name}: ${file} (${qa.length} questions)`);
        const runs = [await runRegia(o.app, qa), await runBm25(chunks, qa), await runPgFts(o.app, chunks, qa)];
        sets.push({ programme: p.name, set: file.split('/').slice(-2).join('/'), systems: runs.map((run) => ({ run, scores: score(run, file, scorer, workDir) })) });
      }
    }
    log('dev sets: fitting retrieval and the reader on each programme and judging them on the other');
    const examples = new Map<string, RetrievalExample[]>();
    for (const { p, app } of opened) examples.set(p.name, await collectRetrievalExamples(app, p));
    const { cross } = await fitAll(opened, log);
    return { sets, cross, retrievalCross: retrievalCross(examples) };
  } finally {
    for (const o of opened) await o.close();
  }
}

const f3 = (n: number) => n.toFixed(3);

export function renderDevSets(r: DevReport): string[] {
  const lines = ['## Development sets, per set (PGlite, offline defaults)', ''];
  lines.push('| set | system | hit@1 | hit@5 | hit@5 it / en | answers correct | correct it / en | false abstain | abstain on unanswerable | mean answer chars |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const s of r.sets) {
    for (const { run, scores: x } of s.systems) {
      lines.push(`| ${s.set} | ${run.name} | ${f3(x.hit1)} | ${f3(x.hit5)} | ${f3(x.hit5It)} / ${f3(x.hit5En)} | ${f3(x.correct)} | ${f3(x.correctIt)} / ${f3(x.correctEn)} | ${f3(x.falseAbstain)} | ${f3(x.abstainRate)} | ${x.meanAnswerChars} |`);
    }
  }
  lines.push('', "Cross-programme retrieval: search's evidence model fitted on one programme only, judged on the other's answerable questions.", '');
  lines.push('| fitted on | judged on | questions | hit@1 | hit@5 | MRR |', '|---|---|---|---|---|---|');
  for (const c of r.retrievalCross) lines.push(`| ${c.fittedOn} | ${c.judgedOn} | ${c.scores.questions} | ${f3(c.scores.hit1)} | ${f3(c.scores.hit5)} | ${f3(c.scores.mrr)} |`);
  lines.push('', 'Cross-programme: the reader fitted on one programme only, judged on the other (best candidate must hold an accepted answer).', '');
  lines.push('| fitted on | judged on | answers correct | correct it / en | false abstain | abstain on unanswerable |', '|---|---|---|---|---|---|');
  for (const c of r.cross) {
    const x = c.scores;
    lines.push(`| ${c.fittedOn} | ${c.judgedOn} | ${f3(x.correct)} | ${f3(x.correctIt)} / ${f3(x.correctEn)} | ${f3(x.falseAbstain)} | ${f3(x.abstainOnUnanswerable)} |`);
  }
  lines.push('');
  return lines;
}

import { openaiClient, promptTemplate } from '../openai.ts';
import type { AppContext } from '../../app.ts';
import type { DigestData } from './types.ts';

/** The paragraph is a nicety: it never holds the digest up for long. */
const SUMMARY_TIMEOUT_MS = 15_000;
const SUMMARY_MAX_CHARS = 700;

/** What the model sees: the facts of the digest, without presentation details. */
function factsFor(d: DigestData): unknown {
  return {
    cantiere: `${d.cantiere.number} - ${d.cantiere.name}`,
    week: d.week,
    date: d.asOfDate,
    needs_attention: d.attention.map((a) => ({ project: a.projectName, status: a.status, blockers: a.blockers, overdue_since: a.overdue ? a.dueDate : null })),
    projects: d.projects.map((p) => ({
      project: p.name,
      status: p.status,
      status_a_week_ago: p.previousStatus,
      progress: p.progress,
      progress_change: p.progressDelta,
      summary: p.summary,
      next_steps: p.nextSteps,
      due_date: p.dueDate,
      updates_this_week: p.updatesThisWeek,
    })),
    due_soon: d.dueSoon.map((x) => ({ project: x.projectName, due_date: x.dueDate })),
    no_recent_update: d.stale.map((s) => s.projectName),
  };
}

/**
 * A short opening paragraph written by the configured chat model (LLM_MODEL), or null: when no
 * model is configured, or the call fails or times out, the digest simply goes out without it.
 */
export async function writeDigestSummary(app: AppContext, d: DigestData): Promise<string | null> {
  const ai = app.config.openai;
  if (!ai?.llmModel) return null;
  try {
    const client = openaiClient(ai, { timeoutMs: Math.min(ai.timeoutMs, SUMMARY_TIMEOUT_MS), maxRetries: 1 });
    const system = promptTemplate('digest-summary.md').replace('{{language}}', d.lang === 'it' ? 'Italian' : 'English');
    const res = await client.chat.completions.create({
      model: ai.llmModel,
      temperature: 0.2,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: `<digest_data>\n${JSON.stringify(factsFor(d), null, 1)}\n</digest_data>` },
      ],
    });
    const text = res.choices[0]?.message?.content?.trim();
    if (!text) return null;
    return text.length > SUMMARY_MAX_CHARS ? `${text.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}…` : text;
  } catch (err) {
    app.log.warn({ err, cantiere: d.cantiere.id, week: d.week }, 'digest summary unavailable, posting without it');
    return null;
  }
}

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { AppContext } from '../../app.ts';
import type { DigestData } from './types.ts';

const PROMPT_FILE = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'prompts', 'digest-summary.md');
/** The paragraph is a nicety: it never holds the digest up for long. */
const SUMMARY_TIMEOUT_MS = 15_000;
const SUMMARY_MAX_CHARS = 700;

let promptCache: string | null = null;
function prompt(): string {
  promptCache ??= readFileSync(PROMPT_FILE, 'utf8');
  return promptCache;
}

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
    const client = new OpenAI({
      apiKey: ai.apiKey,
      baseURL: ai.baseURL,
      timeout: Math.min(ai.timeoutMs, SUMMARY_TIMEOUT_MS),
      maxRetries: 1,
    });
    const system = prompt().replace('{{language}}', d.lang === 'it' ? 'Italian' : 'English');
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

import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { activeProjects, type Programme } from '../../programme/model.ts';
import type { Lang } from '../types.ts';
import { parseDateText } from './dates.ts';
import { localDate } from '../time.ts';
import { parseUpdateOffline } from './offline-parse.ts';
import { EMPTY_PARSED, parsedUpdateSchema, UPDATE_STATUSES, type ParsedUpdate } from './schema.ts';
import { fold } from '../language.ts';
import { openaiClient, promptTemplate } from '../openai.ts';

export type { ParsedUpdate } from './schema.ts';
export { parseUpdateOffline } from './offline-parse.ts';


/**
 * The update command at the start of a chat message, after any mention of the bot:
 * "@regia update ZLS: ...", "aggiorna ZLS ...", "aggiornamento ZLS: ...", "nuovo aggiornamento".
 * Returns the body ('' when the command has none, e.g. "aggiorna"), or null for anything else
 * (questions such as "aggiornamenti sulla ZLS?" included).
 */
export function extractUpdateCommand(text: string): string | null {
  let t = text.trim();
  // A leading mention in chat markup ("<@U123>", "<at>Regia</at>"), plain "@regia" or "Regia,":
  // pasted or exported messages keep it, and it is not part of the update.
  t = t.replace(/^(?:<@[A-Z0-9]+(?:\|[^>]*)?>|<at>[^<]*<\/at>|@\S+|regia\b)[\s,:]*/i, '').trim();
  if (!t || /\?\s*$/.test(t)) return null;
  const m = /^(?:\/?update|\/?aggiorna|aggiornamento|upd|nuovo\s+aggiornamento|new\s+update|log\s+(?:an\s+)?update|registra\s+(?:un\s+)?aggiornamento)(?![\p{L}\p{N}])\s*(?:(?:su|sul|sulla|sullo|on|for|per|di|del|della)\s+)?[:\-–]?\s*([\s\S]*)$/iu.exec(t);
  return m ? m[1].trim() : null;
}

export interface ParseOptions {
  now?: Date;
  lang?: Lang;
}

/**
 * A plain message -> the update fields it states (null for what it does not say). With an
 * OpenAI-compatible model configured the model fills the record (checked by the same zod schema);
 * on any failure, timeout or nonsense the offline parser answers.
 */
export async function parseUpdateMessage(app: AppContext, text: string, opts: ParseOptions = {}): Promise<ParsedUpdate> {
  const programme = await app.programme();
  const now = opts.now ?? new Date();
  const body = extractUpdateCommand(text) ?? text;
  const offline = parseUpdateOffline(programme, body, { now, timeZone: programme?.timezone });
  if (!app.config.openai?.llmModel || !body.trim()) return offline;
  try {
    const llm = await parseWithModel(app, programme, body, now);
    // The project must be a real, active project: otherwise keep what the names in the text say.
    const known = programme ? activeProjects(programme).map((p) => p.id) : [];
    if (llm.project && !known.includes(llm.project)) llm.project = offline.project;
    return { ...llm, project: llm.project ?? offline.project };
  } catch (err) {
    app.log.warn({ err: (err as Error).message }, 'update parsing by the model failed; using the offline parser');
    return offline;
  }
}

/** What the model is asked to return: plain JSON types (no transforms), then checked by the one schema. */
const wireSchema = z.object({
  project: z.string().nullable(),
  status: z.enum(UPDATE_STATUSES).nullable(),
  progress: z.number().int().nullable(),
  summary: z.string().nullable(),
  next_steps: z.string().nullable(),
  blockers: z.string().nullable(),
  due_date: z.string().nullable(),
});

async function parseWithModel(app: AppContext, programme: Programme | null, text: string, now: Date): Promise<ParsedUpdate> {
  const cfg = app.config.openai!;
  const client = openaiClient(cfg);
  const projects = programme
    ? activeProjects(programme)
        .map((p) => `- ${p.id}: ${p.name}${p.aliases.length ? `; ${p.aliases.join(', ')}` : ''}`)
        .join('\n')
    : '(none)';
  const system = promptTemplate('update-parse.md')
    .replaceAll('{{today}}', localDate(now, programme?.timezone))
    .replaceAll('{{timezone}}', programme?.timezone ?? 'UTC')
    .replaceAll('{{projects}}', projects);
  const completion = await client.chat.completions.parse({
    model: cfg.llmModel!,
    temperature: 0,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: text },
    ],
    response_format: zodResponseFormat(wireSchema, 'progress_update'),
  });
  const raw = completion.choices[0]?.message.parsed;
  if (!raw) throw new Error('the model returned no structured update');
  // Project given by name or alias instead of id: map it back.
  if (raw.project && programme) {
    const want = fold(raw.project).trim();
    const p = activeProjects(programme).find((x) => [x.id, x.name, ...x.aliases].some((t) => fold(t) === want));
    if (p) raw.project = p.id;
  }
  // Dates in another spelling ("31/03/2027", "2027-3-31") are normalised; anything else must fit.
  if (raw.due_date && !/^\d{4}-\d{2}-\d{2}$/.test(raw.due_date)) raw.due_date = parseDateText(raw.due_date, now, programme?.timezone) ?? raw.due_date;
  const checked = parsedUpdateSchema.safeParse({ ...EMPTY_PARSED, ...raw });
  if (!checked.success) throw new Error(`the model's update does not fit the schema: ${checked.error.issues[0]?.message}`);
  return checked.data;
}

import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Queryable } from '../db/client.ts';
import type { Programme } from '../src/programme/model.ts';
import { decodeText } from './loaders/text.ts';
import { fold } from '../src/core/language.ts';
import { readYaml, YamlError } from '../src/programme/yaml.ts';
import { IngestError } from './types.ts';

/**
 * Project sheets: one project per record (YAML list or CSV row). They upsert projects and are also
 * rendered as a searchable document, one section per project.
 */

export const REQUIRED_COLUMNS = ['id', 'name', 'cantiere'] as const;

const list = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.null()])
  .optional()
  .transform((v) =>
    v == null ? [] : (Array.isArray(v) ? v.map(String) : v.split(/[;|\n]/)).map((s) => s.trim()).filter(Boolean),
  );
const text = z
  .union([z.string(), z.number(), z.date(), z.null()])
  .optional()
  .transform((v) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim() || null));

const sheetRecordSchema = z.object({
  id: z.union([z.string(), z.number()], { message: 'required' }).transform(String).pipe(
    z.string().trim().min(1, 'required').regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash or underscore'),
  ),
  name: z.union([z.string(), z.number()], { message: 'required' }).transform((v) => String(v).trim()).pipe(z.string().min(1, 'required')),
  cantiere: z.union([z.string(), z.number()], { message: 'required' }).transform((v) => String(v).trim()).pipe(z.string().min(1, 'required')),
  aliases: list,
  description: text,
  owner: text,
  start: text,
  end: text,
  budget: text,
  status: text,
  indicators: z
    .union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.string(), z.number(), z.null()])
    .optional()
    .transform((v): string[] => {
      if (v == null) return [];
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? Object.entries(x).map(([k, y]) => `${k}: ${y}`).join(', ') : String(x)));
      if (typeof v === 'object') return Object.entries(v).map(([k, y]) => `${k}: ${y}`);
      return String(v).split(/[;|\n]/).map((s) => s.trim()).filter(Boolean);
    }),
});

export type SheetRecord = z.infer<typeof sheetRecordSchema>;

export interface ProjectSheet {
  title?: string;
  records: (SheetRecord & { cantiereId: string })[];
}

// Other spellings people use in sheets, mapped to the record's field names.
const FIELD_ALIASES: Record<string, string> = {
  project: 'id', project_id: 'id', progetto: 'id', nome: 'name', title: 'name', titolo: 'name',
  cantiere_id: 'cantiere', worksite: 'cantiere', alias: 'aliases', descrizione: 'description',
  responsabile: 'owner', referente: 'owner', start_date: 'start', inizio: 'start', data_inizio: 'start',
  end_date: 'end', due_date: 'end', fine: 'end', data_fine: 'end', scadenza: 'end', importo: 'budget',
  stato: 'status', indicatori: 'indicators', kpi: 'indicators',
};

function normaliseKeys(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const key = k.trim().toLowerCase().replace(/[\s-]+/g, '_');
    const field = FIELD_ALIASES[key] ?? key;
    if (!(field in out) || out[field] == null || out[field] === '') out[field] = v === '' ? null : v;
  }
  return out;
}

function resolveCantiere(programme: Programme, ref: string): string | null {
  const f = fold(ref).replace(/^cantiere\s+/, '');
  const c = programme.cantieri.find((x) => fold(x.id) === f || fold(x.number) === f || fold(x.name) === f);
  return c?.id ?? null;
}

function validate(rows: Record<string, unknown>[], programme: Programme | null, where: (i: number) => string): ProjectSheet['records'] {
  if (rows.length === 0) throw new IngestError('the project sheet has no projects');
  if (!programme) {
    throw new IngestError('no programme loaded, so cantieri cannot be resolved: load one first (regia programme load FILE, or --programme FILE)');
  }
  const seen = new Set<string>();
  const known = new Map(programme.cantieri.flatMap((c) => c.projects.map((p) => [p.id, c] as const)));
  return rows.map((raw, i) => {
    const parsed = sheetRecordSchema.safeParse(normaliseKeys(raw));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((x) => `${x.path.join('.') || 'record'}: ${x.message}`).join('; ');
      throw new IngestError(`${where(i)}: ${problems}`);
    }
    const r = parsed.data;
    if (seen.has(r.id)) throw new IngestError(`${where(i)}: duplicate project id "${r.id}"`);
    seen.add(r.id);
    const cantiereId = resolveCantiere(programme, r.cantiere);
    if (!cantiereId) {
      throw new IngestError(
        `${where(i)} (project "${r.id}"): unknown cantiere "${r.cantiere}"; known: ${programme.cantieri.map((c) => c.id).join(', ')}`,
      );
    }
    // Which cantiere a project belongs to decides who may update it: only the programme file
    // says that, so a sheet that places a known project elsewhere is refused, not obeyed.
    const home = known.get(r.id);
    if (home && home.id !== cantiereId) {
      throw new IngestError(
        `${where(i)} (project "${r.id}"): the project belongs to cantiere ${home.number} (${home.id}) and a project sheet cannot move it to "${r.cantiere}"; change its cantiere in the programme file`,
      );
    }
    return { ...r, cantiereId };
  });
}

export function parseYamlSheet(bytes: Uint8Array, ext: string, programme: Programme | null): ProjectSheet {
  let data: unknown;
  try {
    data = readYaml(decodeText(bytes, ext));
  } catch (err) {
    if (err instanceof YamlError) throw new IngestError(err.message);
    throw err;
  }
  const obj = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  if (obj && 'programme' in obj && 'cantieri' in obj) {
    throw new IngestError('this is a programme file, not a project sheet: load it with --programme FILE or regia programme load FILE');
  }
  const records = Array.isArray(data) ? data : obj && Array.isArray(obj.projects) ? obj.projects : null;
  if (!records) throw new IngestError('not a project sheet: expected a list of projects or a "projects:" list');
  if (records.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
    throw new IngestError('not a project sheet: every project must be a mapping (id, name, cantiere, ...)');
  }
  const title = obj && typeof obj.title === 'string' ? obj.title : undefined;
  return { title, records: validate(records as Record<string, unknown>[], programme, (i) => `projects[${i}]`) };
}

export function parseCsvSheet(bytes: Uint8Array, ext: string, programme: Programme | null): ProjectSheet {
  const textContent = decodeText(bytes, ext);
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(textContent, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      delimiter: [',', ';', '\t'],
    });
  } catch (err) {
    throw new IngestError(`bad CSV: ${(err as Error).message.split('\n')[0]}`);
  }
  const header = textContent.split(/\r?\n/, 1)[0].split(/[,;\t]/).map((h) => h.trim().replace(/^"|"$/g, ''));
  const present = new Set(header.map((h) => FIELD_ALIASES[h.toLowerCase().replace(/[\s-]+/g, '_')] ?? h.toLowerCase()));
  const missing = REQUIRED_COLUMNS.filter((c) => !present.has(c));
  if (missing.length) {
    throw new IngestError(`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (found: ${header.filter(Boolean).join(', ') || 'none'})`);
  }
  return { records: validate(rows, programme, (i) => `row ${i + 2}`) };
}

/** The sheet as a Markdown document: one section per project, labels in Italian and English. */
export function renderSheet(sheet: ProjectSheet, programme: Programme, fallbackTitle: string): string {
  const title = sheet.title ?? fallbackTitle;
  const parts = [`# ${title}`];
  for (const r of sheet.records) {
    const c = programme.cantieri.find((x) => x.id === r.cantiereId)!;
    const lines = [`## ${r.name} (${r.id})`, '', `- Cantiere ${c.number}: ${c.name}`];
    if (r.aliases.length) lines.push(`- Detto anche (aliases): ${r.aliases.join(', ')}`);
    if (r.owner) lines.push(`- Responsabile (owner): ${r.owner}`);
    if (r.status) lines.push(`- Stato (status): ${r.status}`);
    if (r.start) lines.push(`- Inizio (start): ${r.start}`);
    if (r.end) lines.push(`- Scadenza (end): ${r.end}`);
    if (r.budget) lines.push(`- Budget: ${r.budget}`);
    if (r.indicators.length) lines.push(`- Indicatori (indicators): ${r.indicators.join('; ')}`);
    if (r.description) lines.push('', r.description);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}

/** Upserts the sheet's projects (inside the caller's transaction). Aliases are merged, not replaced. */
export async function upsertSheetProjects(tx: Queryable, sheet: ProjectSheet, source: string): Promise<void> {
  for (const r of sheet.records) {
    const details = { owner: r.owner, start: r.start, end: r.end, budget: r.budget, status: r.status, indicators: r.indicators, source };
    await tx.query(
      `INSERT INTO projects (id, cantiere_id, name, aliases, description, metadata, position, archived)
       VALUES ($1, $2, $3, $4, $5, jsonb_build_object('origin', 'sheet', 'sheet', $6::jsonb),
               (SELECT coalesce(max(position) + 1, 0) FROM projects WHERE cantiere_id = $2), false)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name,
         aliases = ARRAY(SELECT DISTINCT a FROM unnest(projects.aliases || excluded.aliases) AS a ORDER BY a),
         description = coalesce(excluded.description, projects.description),
         metadata = projects.metadata || jsonb_build_object('sheet', $6::jsonb),
         archived = false, updated_at = now()`,
      [r.id, r.cantiereId, r.name, r.aliases, r.description, details],
    );
  }
}

import { parse as parseCsv } from 'csv-parse/sync';
import type { AppContext } from '../../app.ts';
import type { Actor } from '../types.ts';
import { readIndicators } from './catalogue.ts';
import { parseFigure } from './parse.ts';
import { listIndicatorValues, logIndicatorValues, type IndicatorValueInput } from './store.ts';

/**
 * CSV import of measured values: columns `indicator`, `value`, `date` (of the measurement) required;
 * `source`, `author`, `note` optional. Every row is checked first: one bad row and nothing is
 * written, each problem named with its line. A row identical to a value already logged (same
 * indicator, date and value) is skipped, so importing a file twice adds nothing.
 */

export interface ImportSummary {
  added: number;
  unchanged: number;
  ids: number[];
}

export class IndicatorImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

const REQUIRED = ['indicator', 'value', 'date'] as const;

export async function importIndicatorValues(
  app: AppContext,
  file: string,
  text: string,
  actorFor: (authorName: string | null) => Actor,
): Promise<ImportSummary> {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new IndicatorImportError(file, [`not a readable CSV: ${(err as Error).message}`]);
  }
  if (!records.length) throw new IndicatorImportError(file, ['no rows']);
  const missing = REQUIRED.filter((c) => !(c in records[0]));
  if (missing.length) throw new IndicatorImportError(file, [`missing column(s) ${missing.join(', ')} (needed: ${REQUIRED.join(', ')}; optional: source, author, note)`]);
  const known = new Map((await readIndicators(app.db)).map((i) => [i.id, i]));
  const problems: string[] = [];
  const rows: { line: number; input: IndicatorValueInput; author: string | null }[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const value = parseFigure(r.value ?? '');
    const problemsHere: string[] = [];
    if (!known.has(r.indicator)) problemsHere.push(`unknown indicator "${r.indicator}"`);
    if (value === null) problemsHere.push(`value "${r.value}" is not a number`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date ?? '') || Number.isNaN(Date.parse(r.date))) problemsHere.push(`date "${r.date}" is not YYYY-MM-DD`);
    if (problemsHere.length) problems.push(`line ${line}: ${problemsHere.join(', ')}`);
    else rows.push({ line, input: { indicator: r.indicator, value: value!, measuredOn: r.date, dataSource: r.source || null, note: r.note || null }, author: r.author || null });
  });
  if (problems.length) throw new IndicatorImportError(file, problems);
  const existing = await listIndicatorValues(app.db, { indicatorIds: [...new Set(rows.map((r) => r.input.indicator))] });
  const seen = new Set(existing.map((v) => `${v.indicatorId}|${v.measuredOn}|${v.value}`));
  const todo = rows.filter((r) => !seen.has(`${r.input.indicator}|${r.input.measuredOn}|${r.input.value}`));
  // Every row checked (date, right to log) before anything is written, then one transaction.
  const result = await logIndicatorValues(
    app,
    todo.map((r) => ({ key: r.line, input: r.input, actor: actorFor(r.author), opts: { origin: 'import' as const, sourceRef: `${file}:${r.line}` } })),
  );
  if (!result.ok) throw new IndicatorImportError(file, result.problems.map((p) => `line ${p.key}: ${p.message}`));
  const ids = result.saved.map((s) => s.stored.id);
  return { added: ids.length, unchanged: rows.length - todo.length, ids };
}

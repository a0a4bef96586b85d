import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { printJson, UserError } from './context.ts';

/** One line of a JSONL batch: what to process, or why that line cannot be processed. */
export type BatchItem = { id: string; value: string; error?: undefined } | { id: string; value?: undefined; error: string };

/** What a command that takes one item or a JSONL file of them accepts: `[item]`, `--batch FILE`, `--json`. */
export function takesBatch(cmd: Command, item: { name: string; description: string; field: string; json: string }): Command {
  return cmd.argument(`[${item.name}]`, item.description).option('--batch <file>', `JSONL file of {"id","${item.field}"} lines`).option('--json', item.json);
}

/** The items to process: the one given on the command line (id "1"), or the batch file's lines. */
export function batchItems(single: string | undefined, batch: string | undefined, field: string, what: string): BatchItem[] {
  if (!single && !batch) throw new UserError(`give ${what}, or --batch FILE.jsonl`);
  return batch ? readBatch(batch, field) : [{ id: '1', value: single! }];
}

/**
 * Reads a JSONL batch of `{"id", "<field>"}` lines. A bad line (not JSON, a blank or missing
 * field) becomes an item with its error, so one bad line costs that line only.
 */
export function readBatch(file: string, field: string): BatchItem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const out: BatchItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let obj: any;
    try {
      obj = JSON.parse(line);
    } catch {
      out.push({ id: String(i + 1), error: `${file}:${i + 1}: not a JSON object` });
      return;
    }
    const id = String(obj?.id ?? i + 1);
    if (typeof obj?.[field] !== 'string') out.push({ id, error: `line ${i + 1}: expected a "${field}" string` });
    else if (!obj[field].trim()) out.push({ id, error: `line ${i + 1}: the "${field}" is blank` });
    else out.push({ id, value: obj[field] });
  });
  return out;
}

/**
 * Runs `each` on every good item in order; a bad item prints `{"id","error"}` as its line (JSON
 * output) or an error line, and the command exits 1 once the batch is done.
 */
export async function runBatch(items: BatchItem[], json: boolean, each: (item: { id: string; value: string }) => Promise<void>): Promise<void> {
  let bad = 0;
  for (const item of items) {
    if (item.error !== undefined) {
      bad++;
      if (json) printJson({ id: item.id, error: item.error });
      else process.stderr.write(`regia: ${item.error}\n`);
      continue;
    }
    await each(item);
  }
  if (bad) process.exitCode = 1;
}

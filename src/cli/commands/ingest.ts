import v8 from 'node:v8';
import type { Command } from 'commander';
import type { IngestSummary } from '../../../ingest/pipeline.ts';
import { loadProgramme, parseProgrammeFile } from '../../programme/load.ts';
import { printJson, withApp } from '../context.ts';

/** A one-line progress bar redrawn in place; only ever drawn on a terminal. */
function progressBar(stream: NodeJS.WriteStream) {
  const width = 28;
  return {
    update(done: number, total: number, file: string) {
      const filled = total ? Math.round((done / total) * width) : width;
      const name = file.length > 40 ? `…${file.slice(-39)}` : file;
      stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${name}`);
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `documents: ${s.added} added, ${s.unchanged} unchanged, ${s.replaced} replaced, ${s.failed.length} failed; ${s.chunks} chunks written`,
  ];
  for (const f of s.failed) lines.push(`  failed: ${f.file}: ${f.reason}`);
  for (const w of s.warnings) lines.push(`  warning: ${w.file}: ${w.reason}`);
  return lines.join('\n');
}

/**
 * An ingestion makes much short-lived text (markup, tokens, statements) around a live heap of
 * under 100 MB, and V8 let the heap grow to several times that before collecting: 575 MB peak RSS
 * at 100,000 chunks. Letting it grow by half of what is live after each full collection kept peak
 * RSS 70-90 MB lower at 10,000 chunks (378-409 -> 312-322 MB) for about 5% more Node CPU (by a
 * fifth: 296-304 MB for about 20% more). Read at every collection, so it can be set now.
 */
function limitHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest documents (PDF, DOCX, Markdown, HTML, text) and project sheets (YAML, CSV): files or folders')
    .argument('<paths...>', 'files or folders')
    .option('--programme <file>', 'load this programme file first (names and aliases used to tag documents)')
    .option('--json', 'print the summary as one JSON line')
    .action(async (paths: string[], opts: { programme?: string; json?: boolean }) => {
      limitHeapGrowth();
      // A bad programme file stops the run before anything is written.
      const programmeFile = opts.programme ? parseProgrammeFile(opts.programme) : null;
      const summary = await withApp(async (app) => {
        if (programmeFile) await loadProgramme(app.db, programmeFile);
        const bar = !opts.json && process.stderr.isTTY ? progressBar(process.stderr) : null;
        try {
          // Extractors (PDF, DOCX) load only for this command.
          const { ingestPaths } = await import('../../../ingest/pipeline.ts');
          return await ingestPaths(app, paths, { onProgress: bar ? (d, t, f) => bar.update(d, t, f) : undefined });
        } finally {
          bar?.end();
        }
      });
      if (opts.json) printJson(summary);
      else console.log(formatSummary(summary));
      if (summary.failed.length > 0) process.exitCode = 1;
    });
}

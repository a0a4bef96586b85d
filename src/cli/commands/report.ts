import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildReport, ReportError } from '../../core/report/build.ts';
import { bootstrap } from '../../demo.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../report/index.ts';
import { printJson, UserError, withApp } from '../context.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('the periodic monitoring report for the steering committee, in the programme\'s language')
    .option('--from <date>', 'start of the period, YYYY-MM-DD (default: one year before --to)')
    .option('--to <date>', 'end of the period, YYYY-MM-DD (default: today)')
    .option('--cantiere <id>', 'only this cantiere')
    .option('--format <format>', `one of ${REPORT_FORMATS.join(', ')}`, 'md')
    .option('--out <file>', 'where to write it (default: regia-report-<to>.<format>; "-" for standard output)')
    .option('--json', 'print {"file","format","bytes"} when done')
    .action(async (opts: { from?: string; to?: string; cantiere?: string; format: string; out?: string; json?: boolean }) => {
      if (!REPORT_FORMATS.includes(opts.format as ReportFormat)) throw new UserError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${opts.format}"`);
      for (const [flag, v] of [['from', opts.from], ['to', opts.to]] as const) {
        if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw new UserError(`--${flag} expects a date as YYYY-MM-DD, got "${v}"`);
      }
      const format = opts.format as ReportFormat;
      await withApp(async (app) => {
        // On an empty demo database, the demo programme, corpus and indicator values first (as npm start does).
        await bootstrap(app);
        try {
          const data = await buildReport(app, { from: opts.from, to: opts.to, cantiereId: opts.cantiere });
          const bytes = await renderReport(data, format);
          if (opts.out === '-') {
            process.stdout.write(bytes);
            return;
          }
          const file = opts.out ?? `regia-report-${data.period.to}.${format}`;
          writeFileSync(file, bytes);
          if (opts.json) printJson({ file, format, bytes: bytes.length });
          else console.log(`report written to ${file} (${format}, ${bytes.length} bytes)`);
        } catch (err) {
          if (err instanceof ReportError) throw new UserError(err.message);
          throw err;
        }
      });
    });
}

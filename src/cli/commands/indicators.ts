import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { readIndicators } from '../../core/indicators/catalogue.ts';
import { formatValue } from '../../core/indicators/format.ts';
import { importIndicatorValues, IndicatorImportError } from '../../core/indicators/import.ts';
import { parseFigure, parseIndicatorMessage } from '../../core/indicators/parse.ts';
import { IndicatorValueError, latestPerDay, listIndicatorValues, saveIndicatorValue, type IndicatorValue } from '../../core/indicators/store.ts';
import { t } from '../../core/texts/index.ts';
import { assess } from '../../core/indicators/trend.ts';
import { detectLang } from '../../core/language.ts';
import { formatDate } from '../../core/time.ts';
import { appAction, printJson, UserError, userErrorsOf, withApp } from '../context.ts';
import { cliActor, requireProgramme } from './update.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerIndicators(program: Command): void {
  const cmd = program.command('indicators').description('indicators with targets: list, import values, log a value');
  cmd
    .command('list')
    .description('every indicator with its latest value, target and state')
    .option('--json', 'JSON output')
    .action(
      appAction(async (app, opts: { json?: boolean }) => {
        const programme = await requireProgramme(app);
        const lang = programme.language;
        const indicators = await readIndicators(app.db);
        const values = await listIndicatorValues(app.db);
        for (const i of indicators) {
          const own = latestPerDay(values.filter((v) => v.indicatorId === i.id));
          const a = assess(i, own.map((v) => ({ value: v.value, date: v.measuredOn })));
          if (opts.json) {
            printJson({ id: i.id, cantiere: i.cantiereId, project: i.projectId, latest: a.latest, target: a.target, gap: a.gap, slope_per_month: a.slopePerMonth, projected: a.projected, state: a.state, values: own.length });
          } else {
            const latest = a.latest ? `${formatValue(a.latest.value, i, lang)} (${formatDate(a.latest.date, lang)})` : '—';
            const target = a.target ? `${formatValue(a.target.value, i, lang)} (${formatDate(a.target.by, lang)})` : '—';
            console.log(`${i.id}: ${latest} → ${target} · ${t(lang, `indicators.state.${a.state}`)}`);
          }
        }
        if (!indicators.length && !opts.json) console.log('no indicators in the programme file');
      }),
    );
  cmd
    .command('import')
    .description('import measured values from CSV (columns indicator, value, date; optional source, author, note)')
    .argument('<file>', 'CSV file')
    .option('--author <name>', 'author of rows with no author column')
    .option('--json', 'JSON output')
    .action(async (file: string, opts: { author?: string; json?: boolean }) => {
      const text = readFileSync(file, 'utf8');
      await withApp(async (app) => {
        await requireProgramme(app);
        try {
          const s = await importIndicatorValues(app, basename(file), text, (name) => cliActor(name ?? opts.author));
          if (opts.json) printJson({ added: s.added, unchanged: s.unchanged });
          else console.log(`${s.added} values added, ${s.unchanged} already logged`);
        } catch (err) {
          if (err instanceof IndicatorImportError) throw new UserError(`nothing imported from ${err.file}:\n  ${err.problems.join('\n  ')}`);
          throw err;
        }
      });
    });
  cmd
    .command('log')
    .description('log a value from a plain message ("broadband: now 92 municipalities"), after confirmation')
    .argument('<text>', 'the message')
    .option('--author <name>', 'author display name')
    .option('--source <text>', 'where the figure comes from')
    .option('--yes', 'save without asking')
    .option('--json', 'JSON output')
    .action(
      appAction(async (app, text: string, opts: { author?: string; source?: string; yes?: boolean; json?: boolean }) => {
        const programme = await requireProgramme(app);
        const lang = detectLang(text, programme.language);
        const indicators = await readIndicators(app.db);
        const parsed = parseIndicatorMessage(programme, indicators, text);
        const indicator = indicators.find((i) => i.id === parsed.indicator);
        if (!indicator) {
          const names = (parsed.alternatives.length ? indicators.filter((i) => parsed.alternatives.includes(i.id)) : indicators).map((i) => `${i.id} (${i.name[lang]})`);
          throw new UserError(`${t(lang, 'indicators.previewMissing.indicator')} ${names.join(', ')}`);
        }
        if (parsed.value === null) throw new UserError(t(lang, 'indicators.previewMissing.value'));
        const source = opts.source ?? indicator.source ?? '—';
        const preview = t(lang, 'indicators.preview', { name: indicator.name[lang], value: formatValue(parsed.value, indicator, lang), date: formatDate(parsed.measuredOn, lang), source });
        if (!opts.yes) {
          process.stdout.write(`${preview}\n`);
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          const answer = (await rl.question(`${t(lang, 'indicators.cli.confirm')} `)).trim().toLowerCase();
          rl.close();
          if (!/^(s|si|sì|y|yes)$/.test(answer)) {
            console.log(t(lang, 'indicators.cli.notSaved'));
            return;
          }
        }
        const saved = await saveIndicatorValue(
          app,
          { indicator: indicator.id, value: parsed.value, measuredOn: parsed.measuredOn, dataSource: opts.source ?? null },
          cliActor(opts.author),
          { origin: 'message', sourceText: text, lang },
        ).catch(valueErrors);
        printSaved(saved, opts.json);
      }),
    );
  cmd
    .command('add')
    .description('log one value')
    .requiredOption('--indicator <id>', 'indicator id')
    .requiredOption('--value <n>', 'the measured value')
    .requiredOption('--date <date>', 'date of the measurement, YYYY-MM-DD')
    .option('--source <text>', 'where the figure comes from')
    .option('--note <text>', 'a note')
    .option('--author <name>', 'author display name')
    .option('--supersedes <id>', 'id of the value this one corrects (the old one is kept)')
    .option('--json', 'JSON output')
    .action(async (opts: { indicator: string; value: string; date: string; source?: string; note?: string; author?: string; supersedes?: string; json?: boolean }) => {
      const value = parseFigure(opts.value);
      if (value === null) throw new UserError(`--value expects a number, got "${opts.value}"`);
      if (!DATE.test(opts.date)) throw new UserError(`--date expects YYYY-MM-DD, got "${opts.date}"`);
      const supersedes = opts.supersedes === undefined ? undefined : Number(opts.supersedes);
      await withApp(async (app) => {
        await requireProgramme(app);
        const saved = await saveIndicatorValue(app, { indicator: opts.indicator, value, measuredOn: opts.date, dataSource: opts.source, note: opts.note }, cliActor(opts.author), {
          origin: 'form',
          supersedes,
        }).catch(valueErrors);
        printSaved(saved, opts.json);
      });
    });
}

const valueErrors = userErrorsOf(IndicatorValueError);

function printSaved(saved: IndicatorValue, json: boolean | undefined): void {
  if (json) printJson({ id: saved.id, indicator: saved.indicatorId, value: saved.value, measured_on: saved.measuredOn, origin: saved.origin, supersedes: saved.supersedes });
  else console.log(`saved value #${saved.id} for ${saved.indicatorId}`);
}

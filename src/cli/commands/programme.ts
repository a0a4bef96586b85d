import type { Command } from 'commander';
import { loadProgramme, parseProgrammeFile } from '../../programme/load.ts';
import { printJson, withApp } from '../context.ts';

export function registerProgramme(program: Command): void {
  const cmd = program.command('programme').description('manage the programme file (cantieri, projects, people)');
  cmd
    .command('load')
    .description('validate a programme file (YAML) and load it: upserts cantieri and projects, archives removed projects')
    .argument('<file>', 'programme file, e.g. examples/programme.yaml')
    .option('--json', 'print the summary as one JSON line')
    .action(async (file: string, opts: { json?: boolean }) => {
      // Validate before opening the database: a bad file writes nothing.
      const parsed = parseProgrammeFile(file);
      const summary = await withApp((app) => loadProgramme(app.db, parsed));
      if (opts.json) printJson(summary);
      else {
        console.log(
          `programme ${summary.programme}: ${summary.cantieri} cantieri, ${summary.projects} projects` +
            (summary.archived.length ? `, archived: ${summary.archived.join(', ')}` : '') +
            (summary.changed === 0 ? ' (no changes)' : ` (${summary.changed} rows changed)`),
        );
      }
    });
}

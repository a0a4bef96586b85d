import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { AppContext } from '../../app.ts';
import { validateUpdateForm } from '../../core/updates/form.ts';
import { formatUpdateLine, formatUpdatePreview } from '../../core/updates/format.ts';
import { parseUpdateMessage } from '../../core/updates/parse.ts';
import { resolveProjectRef } from '../../core/updates/projects.ts';
import type { ParsedUpdate } from '../../core/updates/schema.ts';
import { startOfLocalDay } from '../../core/time.ts';
import { listUpdates, saveUpdate, UpdateStoreError, type StoredUpdate } from '../../core/updates/store.ts';
import { detectLang } from '../../core/language.ts';
import type { Actor } from '../../core/types.ts';
import { DEMO_PROGRAMME } from '../../demo.ts';
import { loadProgramme, parseProgrammeFile, programmePersonId } from '../../programme/load.ts';
import type { Programme } from '../../programme/model.ts';
import { printJson, UserError, userErrorsOf, withApp } from '../context.ts';
import { batchItems, runBatch, takesBatch } from '../batch.ts';

/**
 * The programme, loading the configured (or demo) programme file on an empty database, as the
 * service does on first start; parsing needs its project names.
 */
async function programmeOrLoad(app: AppContext): Promise<Programme | null> {
  const current = await app.programme();
  if (current) return current;
  const file = app.config.programmeFile ?? (app.config.demo ? DEMO_PROGRAMME : undefined);
  if (!file) return null;
  await loadProgramme(app.db, parseProgrammeFile(file));
  return app.programme();
}

export async function requireProgramme(app: AppContext): Promise<Programme> {
  const p = await programmeOrLoad(app);
  if (!p) throw new UserError('no programme loaded: run "regia programme load FILE" first');
  return p;
}

/** The parse contract: every field present, null for what the text does not say. */
function parseJson(id: string | null, p: ParsedUpdate) {
  return {
    id,
    project: p.project,
    status: p.status,
    progress: p.progress,
    summary: p.summary,
    next_steps: p.next_steps,
    blockers: p.blockers,
    due_date: p.due_date,
  };
}

function updateJson(u: StoredUpdate) {
  return {
    id: u.id,
    project: u.project,
    cantiere: u.cantiereId,
    status: u.status,
    progress: u.progress,
    summary: u.summary,
    next_steps: u.next_steps,
    blockers: u.blockers,
    due_date: u.due_date,
    author: u.author.displayName,
    author_platform: u.author.platform,
    author_id: u.author.userId,
    source: u.source,
    supersedes: u.supersedes,
    created_at: u.createdAt,
  };
}

/**
 * The CLI acts as a local operator: whoever runs it holds the database already, so it logs
 * updates with admin rights (see core/updates/auth.ts); `--author` names who the update is from.
 */
export function cliActor(author?: string): Actor {
  const name = author?.trim() || userInfo().username || 'operator';
  return { platform: 'cli', userId: programmePersonId(name) || 'operator', displayName: name };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerUpdate(program: Command): void {
  const cmd = program.command('update').description('progress updates: parse, add, list');
  const parse = cmd.command('parse').description('parse a plain message into an update record (nothing is saved)');
  takesBatch(parse, { name: 'text', description: 'the message', field: 'text', json: 'JSON output' })
    .action(async (text: string | undefined, opts: { batch?: string; json?: boolean }) => {
      const items = batchItems(text, opts.batch, 'text', 'the message text');
      await withApp(async (app) => {
        const programme = await programmeOrLoad(app);
        if (!programme) app.log.warn('no programme loaded: projects cannot be recognised');
        await runBatch(items, !!(opts.json || opts.batch), async (item) => {
          const parsed = await parseUpdateMessage(app, item.value);
          if (opts.json || opts.batch) printJson(parseJson(opts.batch ? item.id : null, parsed));
          else process.stdout.write(`${formatUpdatePreview(parsed, detectLang(item.value, programme?.language ?? 'it'), programme)}\n`);
        });
      });
    });
  cmd
    .command('add')
    .description('log a progress update')
    .requiredOption('--project <id>', 'project id or alias')
    .requiredOption('--status <status>', 'not_started | on_track | at_risk | blocked | done')
    .option('--progress <n>', 'progress 0-100')
    .requiredOption('--summary <text>', 'what happened')
    .option('--next-steps <text>', 'what comes next')
    .option('--blockers <text>', 'what is in the way')
    .option('--due <date>', 'due date, YYYY-MM-DD')
    .option('--author <name>', 'author display name')
    .option('--supersedes <id>', 'id of the update this one corrects (an edit: the old revision is kept)')
    .option('--json', 'JSON output')
    .action(
      async (opts: {
        project: string;
        status: string;
        progress?: string;
        summary: string;
        nextSteps?: string;
        blockers?: string;
        due?: string;
        author?: string;
        supersedes?: string;
        json?: boolean;
      }) => {
        const supersedes = opts.supersedes === undefined ? undefined : Number(opts.supersedes);
        if (supersedes !== undefined && (!Number.isInteger(supersedes) || supersedes < 1)) {
          throw new UserError(`--supersedes expects an update id (a positive whole number), got "${opts.supersedes}"`);
        }
        await withApp(async (app) => {
          const programme = await requireProgramme(app);
          const check = validateUpdateForm(
            programme,
            {
              project: opts.project,
              status: opts.status,
              progress: opts.progress,
              summary: opts.summary,
              next_steps: opts.nextSteps,
              blockers: opts.blockers,
              due_date: opts.due,
            },
            'en',
          );
          if (!check.ok) {
            const flag: Record<string, string> = { next_steps: 'next-steps', due_date: 'due' };
            throw new UserError(
              `invalid update:\n${Object.entries(check.errors)
                .map(([f, m]) => `  --${flag[f] ?? f}: ${m}`)
                .join('\n')}`,
            );
          }
          const stored = await saveUpdate(app, check.value, cliActor(opts.author), { source: 'form', supersedes }).catch(userErrorsOf(UpdateStoreError));
          if (opts.json) printJson(updateJson(stored));
          else console.log(`saved update #${stored.id} for ${stored.project} (${stored.projectName})${stored.supersedes ? `, revising #${stored.supersedes}` : ''}`);
        });
      },
    );
  cmd
    .command('list')
    .description('list updates by date (current revisions; oldest first)')
    .option('--project <id>', 'only this project')
    .option('--cantiere <id>', 'only this cantiere')
    .option('--since <date>', 'from this date, YYYY-MM-DD')
    .option('--until <date>', 'before this date (exclusive), YYYY-MM-DD')
    .option('--json', 'JSON output')
    .action(async (opts: { project?: string; cantiere?: string; since?: string; until?: string; json?: boolean }) => {
      for (const [flag, v] of [['since', opts.since], ['until', opts.until]] as const) {
        if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw new UserError(`--${flag} expects a date as YYYY-MM-DD, got "${v}"`);
      }
      await withApp(async (app) => {
        const programme = await requireProgramme(app);
        let projectId: string | undefined;
        if (opts.project) {
          const p = resolveProjectRef(programme, opts.project);
          if (!p) throw new UserError(`unknown project "${opts.project}"`);
          projectId = p.id;
        }
        if (opts.cantiere && !programme.cantieri.some((c) => c.id === opts.cantiere)) {
          throw new UserError(`unknown cantiere "${opts.cantiere}" (known: ${programme.cantieri.map((c) => c.id).join(', ')})`);
        }
        // Days are the programme's days (midnight in its time zone).
        const day = (d?: string) => (d ? startOfLocalDay(d, programme.timezone) : undefined);
        const updates = await listUpdates(app.db, { projectId, cantiereId: opts.cantiere, since: day(opts.since), until: day(opts.until) });
        if (opts.json) {
          for (const u of updates) printJson(updateJson(u));
          return;
        }
        if (!updates.length) console.log('no updates');
        for (const u of updates) console.log(`#${u.id} ${formatUpdateLine(u, programme.language, programme.timezone, true)}`);
      });
    });
}

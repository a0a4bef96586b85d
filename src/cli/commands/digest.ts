import type { Command } from 'commander';
import { DigestInputError, digestCantieri, digestTime } from '../../core/digest/build.ts';
import { composeDigest, postDigests, requireProgramme, type DigestOutcome } from '../../core/digest/post.ts';
import { renderDigestText } from '../../core/digest/text.ts';
import { isoWeekOf, parseIsoWeek, WeekFormatError } from '../../core/digest/week.ts';
import { printJson, UserError, withApp } from '../context.ts';
import { buildFeedbackSummary, renderFeedbackSummary, sendFeedbackSummaries } from '../../core/digest/feedback.ts';

interface DigestCliOptions {
  cantiere?: string;
  week?: string;
  dryRun?: boolean;
  post?: boolean;
  force?: boolean;
  json?: boolean;
  feedback?: boolean;
}

function checkOptions(opts: DigestCliOptions): void {
  if (opts.dryRun === opts.post) throw new UserError('choose one of --dry-run (print the digest) or --post (post it now)', 2);
  if (opts.force && !opts.post) throw new UserError('--force goes with --post', 2);
}

function describeOutcome(o: DigestOutcome): string {
  const head = `${o.cantiereId} ${o.platform} ${o.week}:`;
  switch (o.result) {
    case 'posted':
      return `${head} posted (${o.messageRef})${o.attempts > 1 ? ` after ${o.attempts} attempts` : ''}`;
    case 'skipped':
      return `${head} ${o.why === 'posted' ? `already posted (${o.messageRef}); --force posts it again` : o.why === 'in_progress' ? 'being posted by another Regia process' : 'failed earlier'}`;
    case 'failed':
      return `${head} FAILED after ${o.attempts} attempts: ${o.error} (the admins were told)`;
    case 'lost_claim':
      return `${head} taken over by another Regia process`;
    case 'no_destination':
      return `${head} no ${o.platform === 'slack' ? 'Slack channel (channels.slack in the programme file)' : 'Teams conversation (add Regia to the team channel, or channels.teams in the programme file)'}`;
  }
}

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('the weekly digest of each cantiere: preview it or post it (exactly once per week)')
    .option('--cantiere <id>', 'only this cantiere')
    .option('--week <week>', 'ISO week, e.g. 2026-W48 (default: this week)')
    .option('--dry-run', 'print it, post nothing')
    .option('--post', 'post it now to the cantiere channels')
    .option('--force', 'with --post: post again even if already posted this week')
    .option('--json', 'JSON output (the digest data with --dry-run, the outcomes with --post)')
    .option('--feedback', "the admins' summary instead: questions whose answers were marked wrong, questions Regia abstained on")
    .action(async (opts: DigestCliOptions) => {
      checkOptions(opts);
      let week: string | undefined;
      try {
        week = opts.week ? parseIsoWeek(opts.week) : undefined;
      } catch (err) {
        if (err instanceof WeekFormatError) throw new UserError(err.message, 2);
        throw err;
      }
      await withApp(async (app) => {
        try {
          const programme = await requireProgramme(app);
          const w = week ?? isoWeekOf(new Date(), programme.timezone);
          const cantieri = digestCantieri(programme, opts.cantiere);
          if (opts.feedback && opts.dryRun) {
            const summary = await buildFeedbackSummary(app, programme, w);
            if (opts.json) printJson(summary);
            else process.stdout.write(`${renderFeedbackSummary(summary, programme.language)}\n`);
            return;
          }
          if (opts.dryRun) {
            const asOf = digestTime(programme, w);
            const digests = [];
            for (const id of cantieri) digests.push(await composeDigest(app, programme, id, w, asOf));
            if (opts.json) printJson({ programme: programme.id, week: w, asOf: asOf.toISOString(), digests });
            else process.stdout.write(`${digests.map(renderDigestText).join(`\n\n${'─'.repeat(60)}\n\n`)}\n`);
            return;
          }
          // Loaded here, not at the top: the platform SDKs are heavy and only --post needs them.
          const { buildChannels } = await import('../../channels/index.ts');
          const channels = await buildChannels(app);
          if (channels.length === 0) throw new UserError('no channel is configured to post to (set the Slack or Teams variables, see README)');
          if (opts.feedback) {
            const sent = await sendFeedbackSummaries(app, channels, programme, { week: w, force: opts.force, retakeFailed: true });
            if (opts.json) printJson({ week: w, outcomes: sent });
            else for (const o of sent) console.log(`feedback ${o.platform}:${o.userId} ${w}: ${o.delivery.result}`);
            if (sent.some((o) => o.delivery.result === 'failed')) process.exitCode = 1;
            return;
          }
          const outcomes = await postDigests(app, channels, { week: w, cantiereId: opts.cantiere, force: opts.force, retakeFailed: true });
          if (opts.json) printJson({ week: w, outcomes });
          else for (const o of outcomes) console.log(describeOutcome(o));
          if (outcomes.some((o) => o.result === 'failed')) process.exitCode = 1;
        } catch (err) {
          if (err instanceof DigestInputError) throw new UserError(err.message);
          throw err;
        }
      });
    });
}

import { Cron } from 'croner';
import type { AppContext } from '../app.ts';
import type { Channel } from '../channels/channel.ts';
import type { Config } from '../config.ts';
import { DEFAULT_LEASE_MS, DEFAULT_RETRY, INSTANCE_ID, type RetryPolicy } from '../core/digest/deliver.ts';
import { postDigests, sendReminders } from '../core/digest/post.ts';
import { sendFeedbackSummaries } from '../core/digest/feedback.ts';
import { isoWeekOf, nextScheduledTime, scheduledTimeOfWeek } from '../core/digest/week.ts';
import type { Job } from '../server.ts';

export interface DigestJobOptions {
  /** Replaces the programme's digest.cron (tests; REGIA_DIGEST_CRON). Same time zone. */
  cron?: string;
  /** A claim with no heartbeat for this long is taken over (REGIA_DIGEST_LEASE_MS). */
  leaseMs?: number;
  retry?: RetryPolicy;
  /** How often the job looks for digests still due this week (a missed schedule, a dead replica's claim). */
  sweepMs?: number;
  /** The clock (tests). */
  now?: () => Date;
  owner?: string;
}


/** The job's options from the validated configuration; unset values mean the product defaults. */
export function digestJobOptions(digest: Config['digest']): DigestJobOptions {
  const baseDelayMs = digest.retryBaseMs;
  return {
    cron: digest.cron,
    leaseMs: digest.leaseMs,
    sweepMs: digest.sweepMs,
    retry: baseDelayMs ? { ...DEFAULT_RETRY, baseDelayMs, maxDelayMs: baseDelayMs * 8 } : undefined,
  };
}

/** Claims still open for a week (another replica posting, or one that died holding them). */
async function unfinishedClaims(app: AppContext, channels: Channel[], week: string): Promise<number> {
  const [row] = await app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM digests WHERE iso_week = $1 AND state = 'claimed' AND platform = ANY($2::text[])`,
    [week, channels.map((c) => c.platform)],
  );
  return Number(row?.n ?? 0);
}

/**
 * The weekly digest scheduler inside `regia serve`. At the programme's cron time (programme time
 * zone) it posts each cantiere's digest; on start, and every sweep, it posts whatever of this
 * week's digests is still due (the service was down at the scheduled time, or a replica died
 * holding a claim). Before the next digest it DMs the team leaders their stale projects. All
 * posting goes through the exactly-once claims, so any number of replicas can run this.
 */
export function createDigestJob(opts: DigestJobOptions = {}): Job {
  return async (app: AppContext, channels: Channel[]) => {
    const clock = opts.now ?? (() => new Date());
    const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    const sweepMs = opts.sweepMs ?? Math.min(30_000, Math.floor(leaseMs / 2));
    const delivery = { owner: opts.owner ?? INSTANCE_ID, leaseMs, retry: opts.retry ?? DEFAULT_RETRY };
    const log = app.log.child({ job: 'digest' });
    let stopped = false;
    let cron: Cron | null = null;
    let schedule = '';
    let running: Promise<void> | null = null;
    let again: string | null = null;
    /** The week whose digests all have an outcome (posted or failed), as seen by this process. */
    let settled = '';

    const pass = async (reason: string) => {
      const programme = await app.programme();
      if (!programme) return;
      const pattern = opts.cron ?? programme.digestCron;
      const tz = programme.timezone;
      if (`${pattern}|${tz}` !== schedule && !stopped) {
        cron?.stop();
        schedule = `${pattern}|${tz}`;
        cron = new Cron(pattern, { timezone: tz, protect: true }, () => trigger('schedule'));
        log.info({ cron: pattern, timezone: tz, next: cron.nextRun()?.toISOString() }, 'digest schedule set');
      }
      if (channels.length === 0) return;
      const now = clock();
      const week = isoWeekOf(now, tz);
      const due = scheduledTimeOfWeek(week, pattern, tz);
      // A cron tick may come a hair early by the wall clock; it is the scheduled time all the same.
      const slack = reason === 'schedule' ? 1000 : 0;
      const settledHere = settled === week && reason === 'sweep' && !(await unfinishedClaims(app, channels, week));
      if (due && due.getTime() <= now.getTime() + slack && !settledHere) {
        const outcomes = await postDigests(app, channels, { ...delivery, week, stopped: () => stopped });
        // With the digests, the admins get the week's feedback on Regia's answers (once each).
        const told = await sendFeedbackSummaries(app, channels, programme, { ...delivery, week, stopped: () => stopped });
        if (told.some((o) => o.delivery.result === 'posted')) log.info({ week, admins: told.map((o) => o.userId) }, 'feedback summaries sent');
        const posted = outcomes.filter((o) => o.result === 'posted');
        if (posted.length) log.info({ reason, week, posted: posted.map((o) => `${o.cantiereId}/${o.platform}`) }, 'weekly digests posted');
        // Every digest of the week has an outcome in the table: sweeps only look for dead claims now.
        if (!stopped && outcomes.every((o) => o.result !== 'lost_claim' && !(o.result === 'skipped' && o.why === 'in_progress'))) settled = week;
      }
      const hours = programme.reminderHoursBefore;
      const next = nextScheduledTime(pattern, tz, now);
      if (hours > 0 && next && !stopped) {
        const remindAt = next.getTime() - hours * 3_600_000;
        if (remindAt <= now.getTime()) {
          const sent = await sendReminders(app, channels, { ...delivery, week: isoWeekOf(next, tz), digestAt: next, stopped: () => stopped });
          const done = sent.filter((r) => r.delivery.result === 'posted');
          if (done.length) log.info({ week: isoWeekOf(next, tz), reminders: done.map((r) => r.userId) }, 'digest reminders sent');
        }
      }
    };

    // One pass at a time per process; a trigger during a pass runs one more pass after it.
    const trigger = (reason: string) => {
      if (stopped) return;
      if (running) {
        // A schedule tick is never downgraded to a sweep (a sweep may skip a settled week).
        if (again !== 'schedule') again = reason;
        return;
      }
      running = (async () => {
        let current: string | null = reason;
        while (current && !stopped) {
          again = null;
          try {
            await pass(current);
          } catch (err) {
            log.error({ err, reason: current }, 'digest pass failed');
          }
          current = again;
        }
      })().finally(() => {
        running = null;
      });
    };

    trigger('start');
    const sweep = setInterval(() => trigger('sweep'), sweepMs);
    sweep.unref?.();
    return async () => {
      stopped = true;
      clearInterval(sweep);
      cron?.stop();
      await running;
    };
  };
}

/** The digest job as `regia serve` runs it: product schedule, with the configuration's overrides. */
export const digestJob: Job = (app, channels) => createDigestJob(digestJobOptions(app.config.digest))(app, channels);

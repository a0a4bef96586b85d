import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../../app.ts';
import { PermanentDeliveryError, type OutboundChannel } from '../outbound/channel.ts';
import type { NoticeMessage } from '../outbound/message.ts';
import { claimDigest, heartbeat, recordAttemptError, recordFailed, recordPosted, startAttempt, type DigestKey } from './claim.ts';
import { t } from '../texts/index.ts';

/** This process, as it appears in `digests.claimed_by`. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** A claim with no heartbeat for this long belongs to a poster that died. */
export const DEFAULT_LEASE_MS = 120_000;

export interface RetryPolicy {
  /** Attempts in all (the first one included). */
  attempts: number;
  /** Delay before the second attempt; doubles each time, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 5 attempts over about 30 s: well inside the lease, and a platform hiccup does not lose a digest. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 16_000 };

export interface DeliveryOptions {
  owner?: string;
  leaseMs?: number;
  retry?: RetryPolicy;
  retakeFailed?: boolean;
  force?: boolean;
}

export type DeliveryResult =
  | { result: 'posted'; messageRef: string; attempts: number; duplicate: boolean }
  | { result: 'skipped'; why: 'posted' | 'in_progress' | 'failed'; messageRef: string | null }
  | { result: 'failed'; error: string; attempts: number }
  | { result: 'lost_claim'; attempts: number };

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // A little jitter so two replicas retrying the same platform do not stay in lockstep.
  return Math.round(base * (0.85 + Math.random() * 0.3));
}

function errorText(err: unknown): string {
  const e = err as { message?: string; code?: string };
  const msg = e?.message ?? String(err);
  return (e?.code && !msg.includes(e.code) ? `${msg} (${e.code})` : msg).slice(0, 500);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Delivers one message exactly once under a `digests` claim: claim, build the message (only once we
 * own the claim), post with bounded exponential backoff, record the reference or the final failure.
 */
export async function deliverOnce(
  app: AppContext,
  key: DigestKey,
  post: () => Promise<{ messageRef: string; content?: unknown }>,
  opts: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const owner = opts.owner ?? INSTANCE_ID;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const log = app.log.child({ digest: key });
  const claim = await claimDigest(app.db, key, { owner, leaseMs, retakeFailed: opts.retakeFailed, force: opts.force });
  if (!claim.claimed) return { result: 'skipped', why: claim.why, messageRef: claim.row.message_ref };
  if (claim.how === 'expired' && claim.previous && claim.previous.attempts > 0) {
    log.warn(
      { previousOwner: claim.previous.claimed_by, attempts: claim.previous.attempts },
      'took over the claim of a poster that died during a post attempt: if the platform had accepted that post, this is a duplicate',
    );
  } else if (claim.how !== 'new') {
    log.info({ how: claim.how, previousOwner: claim.previous?.claimed_by }, 'took over digest claim');
  }

  // While a post is in flight (a slow platform, a long backoff) the claim must not look dead.
  const beat = setInterval(() => {
    heartbeat(app.db, key, owner).catch((err) => log.warn({ err }, 'digest claim heartbeat failed'));
  }, Math.max(50, Math.floor(leaseMs / 3)));
  let attempts = 0;
  let lastError = '';
  try {
    for (let i = 1; i <= retry.attempts; i++) {
      const n = await startAttempt(app.db, key, owner);
      if (n === null) {
        log.warn('digest claim taken over by another replica; stopping here');
        return { result: 'lost_claim', attempts };
      }
      attempts = i;
      let sent: { messageRef: string; content?: unknown };
      try {
        sent = await post();
      } catch (err) {
        lastError = errorText(err);
        await recordAttemptError(app.db, key, owner, lastError).catch(() => {});
        if (err instanceof PermanentDeliveryError) break;
        if (i < retry.attempts) {
          const delay = backoffDelay(retry, i);
          log.warn({ attempt: i, delayMs: delay, error: lastError }, 'digest post failed, retrying');
          await sleep(delay);
        }
        continue;
      }
      // Posted: from here on nothing may post again, even if recording it takes a few tries.
      const first = await recordPostedPatiently(app, key, owner, sent);
      if (first === false) log.error({ messageRef: sent.messageRef }, 'digest posted twice: another replica had already posted it');
      log.info({ messageRef: sent.messageRef, attempts }, 'digest posted');
      return { result: 'posted', messageRef: sent.messageRef, attempts, duplicate: first === false };
    }
  } finally {
    clearInterval(beat);
  }
  await recordFailed(app.db, key, owner, lastError);
  log.error({ attempts, error: lastError }, 'digest could not be posted');
  return { result: 'failed', error: lastError, attempts };
}

/**
 * Records a post the platform accepted. A database hiccup here must not turn into a second post,
 * so it is retried a few times; if it still fails the claim is left to expire (see claim.ts: the
 * documented residual risk) and the error is logged with the message reference.
 */
async function recordPostedPatiently(
  app: AppContext,
  key: DigestKey,
  owner: string,
  sent: { messageRef: string; content?: unknown },
): Promise<boolean | null> {
  for (let i = 0; i < 4; i++) {
    try {
      return await recordPosted(app.db, key, owner, sent.messageRef, sent.content);
    } catch (err) {
      app.log.warn({ err, digest: key, messageRef: sent.messageRef }, 'could not record a posted digest yet');
      await sleep(500 * 2 ** i);
    }
  }
  app.log.error({ digest: key, messageRef: sent.messageRef }, 'digest posted but not recorded: another replica may post it again after the lease');
  return null;
}

/** Accounts of the programme's admins on the given platforms. */
async function adminAccounts(app: AppContext, platforms: string[]): Promise<{ platform: string; user_id: string }[]> {
  return app.db.query(`SELECT platform, user_id FROM people WHERE role = 'admin' AND platform = ANY($1::text[]) ORDER BY platform, user_id`, [platforms]);
}

/**
 * Tells the programme's admins that something could not be posted: a DM on every platform where an
 * admin has an account. Returns how many DMs went out (0 is logged as an error: nobody was told).
 */
export async function reportToAdmins(app: AppContext, channels: OutboundChannel[], message: NoticeMessage): Promise<number> {
  let sent = 0;
  for (const admin of await adminAccounts(app, channels.map((c) => c.platform))) {
    const channel = channels.find((c) => c.platform === admin.platform);
    if (!channel) continue;
    try {
      await channel.send({ userId: admin.user_id }, message);
      sent++;
    } catch (err) {
      app.log.error({ err, admin: admin.user_id, platform: admin.platform }, 'could not reach an admin');
    }
  }
  if (sent === 0) app.log.error({ text: message.text }, 'no admin could be told (no admin account on a configured platform)');
  return sent;
}

export function failureReport(
  lang: 'it' | 'en',
  info: { week: string; cantiereId: string; cantiereName: string; platform: string; attempts: number; error: string },
): NoticeMessage {
  return {
    kind: 'notice',
    text: `⚠️ ${t(lang, 'digest.failedTitle')}: ${t(lang, 'digest.failedBody', {
      week: info.week,
      cantiere: info.cantiereName,
      id: info.cantiereId,
      platform: info.platform,
      n: info.attempts,
      error: info.error,
    })}`,
  };
}

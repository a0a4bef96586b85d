import type { AppContext } from '../../app.ts';
import type { OutboundChannel } from '../outbound/channel.ts';
import type { Programme } from '../../programme/model.ts';
import { buildDigest, digestCantieri, DigestInputError, digestTime } from './build.ts';
import { deliverOnce, failureReport, reportToAdmins, type DeliveryOptions, type DeliveryResult } from './deliver.ts';
import { formatDate } from './labels.ts';
import { writeDigestSummary } from './summary.ts';
import type { DigestData } from './types.ts';
import { formatTime, localDate } from '../time.ts';

export async function requireProgramme(app: AppContext): Promise<Programme> {
  const programme = await app.programme();
  if (!programme) throw new DigestInputError('no programme loaded: run `regia programme load FILE` first');
  return programme;
}

/** The whole digest for one cantiere: data, optional LLM paragraph. */
export async function composeDigest(app: AppContext, programme: Programme, cantiereId: string, week: string, asOf?: Date): Promise<DigestData> {
  const data = await buildDigest(app.db, programme, cantiereId, { week, asOf });
  data.summary = await writeDigestSummary(app, data);
  return data;
}

export interface PostDigestsOptions extends DeliveryOptions {
  week: string;
  cantiereId?: string;
  /** The instant the digest describes (default: now for the current week, see digestTime). */
  asOf?: Date;
  /** Checked between deliveries: a stopping service finishes the one in hand and goes no further. */
  stopped?: () => boolean;
}

export type DigestOutcome = { cantiereId: string; platform: string; week: string } & (
  | DeliveryResult
  | { result: 'no_destination' }
);

/**
 * Posts the week's digest of every cantiere (or one) to every channel that has a destination for it,
 * each under its own exactly-once claim. Cantieri are taken one at a time, so two replicas running
 * this together share the work instead of racing for all of it.
 */
export async function postDigests(app: AppContext, channels: OutboundChannel[], opts: PostDigestsOptions): Promise<DigestOutcome[]> {
  const programme = await requireProgramme(app);
  const outcomes: DigestOutcome[] = [];
  for (const cantiereId of digestCantieri(programme, opts.cantiereId)) {
    const cantiere = programme.cantieri.find((c) => c.id === cantiereId)!;
    let data: DigestData | null = null;
    for (const channel of channels) {
      if (opts.stopped?.()) return outcomes;
      const base = { cantiereId, platform: channel.platform, week: opts.week };
      const conversationId = await channel.destinationFor(cantiere);
      if (!conversationId) {
        outcomes.push({ ...base, result: 'no_destination' });
        continue;
      }
      const res = await deliverOnce(
        app,
        { cantiereId, week: opts.week, platform: channel.platform },
        async () => {
          // Built once we own the claim, and once per cantiere for all platforms (one LLM call).
          data ??= await composeDigest(app, programme, cantiereId, opts.week, opts.asOf ?? digestTime(programme, opts.week));
          const messageRef = await channel.send({ conversationId }, { kind: 'digest', digest: data });
          return { messageRef, content: data };
        },
        opts,
      );
      outcomes.push({ ...base, ...res });
      if (res.result === 'failed') {
        await reportToAdmins(
          app,
          channels,
          failureReport(programme.language, {
            week: opts.week,
            cantiereId,
            cantiereName: `${cantiere.number} – ${cantiere.name}`,
            platform: channel.platform,
            attempts: res.attempts,
            error: res.error,
          }),
        );
      }
    }
  }
  return outcomes;
}

export interface ReminderOutcome {
  cantiereId: string;
  platform: string;
  userId: string;
  week: string;
  staleProjects: string[];
  delivery: DeliveryResult;
}

/**
 * Before the digest of `week` (due at `digestAt`): a DM to each team leader with a platform account,
 * listing their projects that will show as stale in it, each with a button opening the update form.
 * Once per leader, cantiere, week and platform (claimed like a digest, as 'reminder:<platform>:<user>').
 */
export async function sendReminders(
  app: AppContext,
  channels: OutboundChannel[],
  opts: DeliveryOptions & { week: string; digestAt: Date; stopped?: () => boolean },
): Promise<ReminderOutcome[]> {
  const programme = await requireProgramme(app);
  const lang = programme.language;
  const outcomes: ReminderOutcome[] = [];
  const when = `${formatDate(localDate(opts.digestAt, programme.timezone), lang)} ${formatTime(opts.digestAt, lang, programme.timezone)}`;
  // Leaders on a configured platform not reminded yet this week: usually none, so this is cheap to repeat.
  const pending = await app.db.query<{ platform: string; user_id: string; cantiere_id: string }>(
    `SELECT p.platform, p.user_id, p.cantiere_id FROM people p
      WHERE p.role = 'team_leader' AND p.cantiere_id IS NOT NULL AND p.platform = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.cantiere_id = p.cantiere_id AND d.iso_week = $2
                          AND d.platform = 'reminder:' || p.platform || ':' || p.user_id AND d.state <> 'claimed')
      ORDER BY p.platform, p.user_id`,
    [channels.map((c) => c.platform), opts.week],
  );
  for (const cantiereId of digestCantieri(programme)) {
    const leaders = pending.filter((l) => l.cantiere_id === cantiereId);
    if (leaders.length === 0) continue;
    const data = await buildDigest(app.db, programme, cantiereId, { week: opts.week, asOf: opts.digestAt });
    if (data.stale.length === 0) continue;
    for (const leader of leaders) {
      if (opts.stopped?.()) return outcomes;
      const channel = channels.find((c) => c.platform === leader.platform);
      if (!channel) continue;
      const delivery = await deliverOnce(
        app,
        { cantiereId, week: opts.week, platform: `reminder:${leader.platform}:${leader.user_id}` },
        async () => {
          const reminder = { lang, digestAt: when, staleAfterDays: programme.staleAfterDays, stale: data.stale };
          const messageRef = await channel.send({ userId: leader.user_id }, { kind: 'reminder', reminder });
          return { messageRef, content: { stale: data.stale } };
        },
        opts,
      );
      outcomes.push({ cantiereId, platform: leader.platform, userId: leader.user_id, week: opts.week, staleProjects: data.stale.map((s) => s.projectId), delivery });
    }
  }
  return outcomes;
}

import type { AppContext } from '../../app.ts';
import type { Programme } from '../../programme/model.ts';
import type { OutboundChannel } from '../outbound/channel.ts';
import { t } from '../texts/index.ts';
import type { Lang } from '../types.ts';
import { questionKey } from '../answer/wrong-answers.ts';
import { deliverOnce, type DeliveryOptions, type DeliveryResult } from './deliver.ts';
import { weekBounds } from './week.ts';

/** How many questions of each kind the summary lists (the rest are counted). */
const LIST = 10;

export interface FeedbackSummary {
  week: string;
  /** Questions whose answer people marked wrong this week (more 👎 than 👍), with what they said. */
  wrong: { question: string; answer: string; downVotes: number; comments: string[] }[];
  /** Questions Regia did not answer this week ("I don't know"): the gaps in the documents. */
  abstained: { question: string; times: number }[];
  /** How many more of each there were beyond the lists. */
  moreWrong: number;
  moreAbstained: number;
}

/**
 * The secretariat's weekly look at how Regia did: the questions whose answers were marked wrong
 * and the questions it abstained on, each question once (as people retype it: see questionKey).
 */
export async function buildFeedbackSummary(app: Pick<AppContext, 'db'>, programme: Programme, week: string): Promise<FeedbackSummary> {
  const { start, end } = weekBounds(week, programme.timezone);
  const wrongRows = await app.db.query<{ question: string; answer: string; down: number; comments: string[] | null }>(
    `SELECT a.question, a.answer, count(*) FILTER (WHERE f.value < 0)::int AS down,
            array_remove(array_agg(f.comment ORDER BY f.created_at), NULL) AS comments
       FROM answers a JOIN feedback f ON f.answer_id = a.id
      WHERE f.created_at >= $1 AND f.created_at < $2
      GROUP BY a.id
     HAVING sum(f.value) < 0
      ORDER BY max(f.created_at) DESC`,
    [start, end],
  );
  const abstainedRows = await app.db.query<{ question: string }>(
    `SELECT question FROM answers WHERE abstained AND created_at >= $1 AND created_at < $2 ORDER BY created_at DESC`,
    [start, end],
  );
  const wrong = new Map<string, FeedbackSummary['wrong'][number]>();
  for (const r of wrongRows) {
    const k = questionKey(r.question);
    const seen = wrong.get(k);
    if (seen) {
      seen.downVotes += r.down;
      seen.comments.push(...(r.comments ?? []));
    } else wrong.set(k, { question: r.question, answer: r.answer, downVotes: r.down, comments: [...(r.comments ?? [])] });
  }
  const abstained = new Map<string, { question: string; times: number }>();
  for (const r of abstainedRows) {
    const k = questionKey(r.question);
    const seen = abstained.get(k);
    if (seen) seen.times += 1;
    else abstained.set(k, { question: r.question, times: 1 });
  }
  const w = [...wrong.values()];
  const a = [...abstained.values()].sort((x, y) => y.times - x.times);
  return { week, wrong: w.slice(0, LIST), abstained: a.slice(0, LIST), moreWrong: Math.max(0, w.length - LIST), moreAbstained: Math.max(0, a.length - LIST) };
}

const clip = (s: string, max: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
};

/** The summary as plain text, for a DM or the terminal. */
export function renderFeedbackSummary(s: FeedbackSummary, lang: Lang): string {
  const lines = [`📋 ${t(lang, 'digest.feedback.title', { week: s.week })}`, '', t(lang, 'digest.feedback.wrong')];
  if (!s.wrong.length) lines.push(t(lang, 'digest.feedback.noWrong'));
  for (const w of s.wrong) {
    lines.push(`- «${clip(w.question, 200)}» (👎 ${w.downVotes}) — ${t(lang, 'digest.feedback.said')}: «${clip(w.answer, 120)}»`);
    for (const c of w.comments.slice(0, 3)) lines.push(`  - “${clip(c, 200)}”`);
  }
  if (s.moreWrong) lines.push(t(lang, 'digest.feedback.more', { n: s.moreWrong }));
  lines.push('', t(lang, 'digest.feedback.abstained'));
  if (!s.abstained.length) lines.push(t(lang, 'digest.feedback.noAbstained'));
  for (const a of s.abstained) lines.push(`- «${clip(a.question, 200)}»${a.times > 1 ? ` (${t(lang, 'digest.feedback.times', { n: a.times })})` : ''}`);
  if (s.moreAbstained) lines.push(t(lang, 'digest.feedback.more', { n: s.moreAbstained }));
  return lines.join('\n');
}

export interface FeedbackOutcome {
  platform: string;
  userId: string;
  delivery: DeliveryResult;
}

/**
 * Sends the week's summary to every admin with an account on a configured platform, once per
 * admin and week (the digests' exactly-once claims; keyed like reminders, on the programme's
 * first cantiere, which only anchors the claim).
 */
export async function sendFeedbackSummaries(
  app: AppContext,
  channels: OutboundChannel[],
  programme: Programme,
  opts: DeliveryOptions & { week: string; stopped?: () => boolean },
): Promise<FeedbackOutcome[]> {
  const anchor = programme.cantieri[0]?.id;
  if (!anchor) return [];
  const admins = await app.db.query<{ platform: string; user_id: string }>(
    `SELECT platform, user_id FROM people WHERE role = 'admin' AND platform = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.cantiere_id = $2 AND d.iso_week = $3
                          AND d.platform = 'feedback:' || people.platform || ':' || people.user_id AND d.state <> 'claimed')
      ORDER BY platform, user_id`,
    [channels.map((c) => c.platform), anchor, opts.week],
  );
  if (!admins.length) return [];
  const summary = await buildFeedbackSummary(app, programme, opts.week);
  const text = renderFeedbackSummary(summary, programme.language);
  const outcomes: FeedbackOutcome[] = [];
  for (const admin of admins) {
    if (opts.stopped?.()) break;
    const channel = channels.find((c) => c.platform === admin.platform);
    if (!channel) continue;
    const delivery = await deliverOnce(
      app,
      { cantiereId: anchor, week: opts.week, platform: `feedback:${admin.platform}:${admin.user_id}` },
      async () => ({ messageRef: await channel.send({ userId: admin.user_id }, { kind: 'notice', text }), content: summary }),
      opts,
    );
    outcomes.push({ platform: admin.platform, userId: admin.user_id, delivery });
  }
  return outcomes;
}

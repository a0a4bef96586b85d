import { buildDigest } from '../../../core/digest/build.ts';
import { isoWeekOf } from '../../../core/digest/week.ts';
import type { Lang } from '../../../core/types.ts';
import type { Cantiere, Programme } from '../../../programme/model.ts';
import type { SlackDeps } from '../deps.ts';
import { renderDigestSlack } from '../render/digest.ts';
import type { KnownBlock } from '../slack-types.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import { t } from '../../../core/texts/index.ts';

export interface DigestPreview {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * This week's digest of one cantiere as it would be posted (the digest core builds and renders
 * it), for an ephemeral preview. Without a cantiere named or implied by the channel, lists them.
 */
export async function digestPreview(deps: SlackDeps, programme: Programme, cantiere: Cantiere | null, lang: Lang, now = new Date()): Promise<DigestPreview> {
  if (!cantiere) {
    const list = programme.cantieri
      .filter((c) => !c.archived)
      .map((c) => `• \`${escapeMrkdwn(c.id)}\` — ${escapeMrkdwn(`${c.number}. ${c.name}`)}`)
      .join('\n');
    return { text: `${escapeMrkdwn(t(lang, 'slack.whichCantiere'))}\n${list}` };
  }
  const week = isoWeekOf(now, programme.timezone);
  const digest = await buildDigest(deps.app.db, programme, cantiere.id, { week, asOf: now });
  // The renderer keeps the digest within a message's blocks, with "and N more" for what does not fit.
  return { text: escapeMrkdwn(`${t(lang, 'slack.digestPreviewOf')} ${cantiere.number}. ${cantiere.name} (${week})`), blocks: renderDigestSlack(digest) };
}

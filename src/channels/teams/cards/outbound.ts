import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import { renderWith, type OutboundMessage, type OutboundRenderers } from '../../../core/outbound/message.ts';
import { announcementHeader } from '../../../core/updates/format.ts';
import { noticeCard, type AdaptiveCard } from './adaptive.ts';
import { renderDigestTeams, renderReminderTeams } from './digest.ts';
import { plainCardText } from './sanitise.ts';

type TeamsOutbound = { text: string; card?: AdaptiveCard };

/**
 * Core messages as a Teams activity's parts: the plain text (notification) and an Adaptive Card.
 * Everything in them that people, documents or a model wrote is plain text (no tag, mention or link).
 */
const TEAMS_RENDERERS: OutboundRenderers<TeamsOutbound> = {
  digest: ({ digest }) => ({ text: plainCardText(renderDigestText(digest)), card: renderDigestTeams(digest) }),
  reminder: ({ reminder }) => ({ text: plainCardText(renderReminderText(reminder)), card: renderReminderTeams(reminder) }),
  update_saved: ({ update: u }) => {
    const header = plainCardText(announcementHeader(u.author.displayName, u.lang));
    return { text: `${header}\n${plainCardText(u.text)}`, card: noticeCard(`📝 ${header}`, plainCardText(u.text)) };
  },
  notice: ({ text }) => ({ text: plainCardText(text) }),
};

export const renderOutbound = (message: OutboundMessage): TeamsOutbound => renderWith(TEAMS_RENDERERS, message);

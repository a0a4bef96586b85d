import type { AppContext } from '../app.ts';
import { formatDateTime } from '../core/time.ts';
import { isLocalOperator, resolvePerson } from '../core/identity/person.ts';
import type { Actor, Lang } from '../core/types.ts';
import { boardLink } from './link.ts';
import { t } from '../core/texts/index.ts';

/** What Regia answers an admin asking for the board in chat (`/regia board`); others are refused. */
export async function boardLinkMessage(app: AppContext, actor: Actor, lang: Lang): Promise<string> {
  if (!isLocalOperator(actor) && (await resolvePerson(app.db, actor)).role !== 'admin') return t(lang, 'board.chatLinkAdminsOnly');
  const link = await boardLink(app);
  const tz = (await app.programme())?.timezone ?? 'UTC';
  const until = formatDateTime(link.expiresAt, lang, tz);
  return t(lang, 'board.chatLink', { url: link.url, until });
}

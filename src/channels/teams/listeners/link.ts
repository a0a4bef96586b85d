import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import type { Lang } from '../../../core/types.ts';
import { isAdmin } from '../people.ts';
import { linkCantiere } from '../refs.ts';
import { t } from '../../../core/texts/index.ts';
import { plainCardText } from '../cards/sanitise.ts';

/** "collega cantiere 4", "collega il cantiere c4", "link cantiere 6/7" -> "4" / "c4" / "6/7". */
export function parseLinkCommand(text: string): string | null {
  const m = /^(?:collega|link)\s+(?:(?:il|al|the|to)\s+)?(?:cantiere|working group)\s+(\S+?)[.!]?$/i.exec(text.trim());
  return m ? m[1] : null;
}

/** Links this channel/group chat to a cantiere, so digests and notices for it are posted here. Admins only. */
export async function linkCommand(app: AppContext, context: TurnContext, ref: string, lang: Lang): Promise<void> {
  const { activity } = context;
  if (activity.conversation?.conversationType === 'personal') {
    await context.sendActivity(t(lang, 'teams.linkNotInPersonal'));
    return;
  }
  if (!(await isAdmin(app.db, activity))) {
    await context.sendActivity(t(lang, 'teams.linkOnlyAdmins'));
    return;
  }
  const programme = await app.programme();
  if (!programme) {
    await context.sendActivity(t(lang, 'teams.noProgramme'));
    return;
  }
  const active = programme.cantieri.filter((c) => !c.archived);
  const wanted = ref.toLowerCase();
  const cantiere = active.find((c) => c.number.toLowerCase() === wanted || c.id.toLowerCase() === wanted);
  if (!cantiere) {
    await context.sendActivity(plainCardText(t(lang, 'teams.unknownCantiere', { ref, known: active.map((c) => c.number).join(', ') })));
    return;
  }
  await linkCantiere(app.db, activity, cantiere.id);
  app.log.info({ conversation: activity.conversation.id, cantiere: cantiere.id }, 'teams: conversation linked to cantiere');
  await context.sendActivity(plainCardText(t(lang, 'teams.linked', { number: cantiere.number, name: cantiere.name })));
}

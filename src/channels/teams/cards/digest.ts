import { attentionDetail, digestTitle, dueDetail, projectStatusLine, staleDetail, statusIcon, weekLine } from '../../../core/digest/labels.ts';
import { t } from '../../../core/texts/index.ts';
import { reminderIntro } from '../../../core/digest/text.ts';
import type { DigestData } from '../../../core/digest/types.ts';
import type { ReminderData } from '../../../core/outbound/message.ts';
import { card, text, type AdaptiveCard, type AdaptiveElement as Element } from './adaptive.ts';

/** Data of the Action.Submit the Teams adapter handles by sending the update card. */
export const OPEN_UPDATE_FORM_ACTION = 'open_update_form';

/** The digest as a Teams Adaptive Card (the card JSON itself). */
export function renderDigestTeams(d: DigestData): AdaptiveCard {
  const lang = d.lang;
  const body: Element[] = [
    text(digestTitle(d), { size: 'Medium', weight: 'Bolder' }),
    text(weekLine(d), { isSubtle: true, spacing: 'None' }),
  ];
  if (d.summary) body.push(text(d.summary));

  body.push({
    type: 'Container',
    style: d.attention.length ? 'attention' : 'default',
    items: [
      text(`⚠️ ${t(lang, 'digest.attention')}`, { weight: 'Bolder' }),
      ...(d.attention.length
        ? d.attention.map((a) => text(`**${a.projectName}**: ${attentionDetail(a, lang)}`, { spacing: 'Small' }))
        : [text(t(lang, 'digest.nothingToFlag'), { spacing: 'Small' })]),
    ],
  });

  body.push(text(`📊 ${t(lang, 'digest.projects')}`, { weight: 'Bolder', separator: true }));
  if (d.projects.length === 0) body.push(text(t(lang, 'digest.noProjects')));
  for (const p of d.projects) {
    body.push(text(`${statusIcon(p.status)} **${p.name}**: ${projectStatusLine(p, lang)}`, { spacing: 'Medium' }));
    const facts = [
      ...(p.summary ? [{ title: t(lang, 'digest.summary'), value: p.summary }] : []),
      ...(p.nextSteps ? [{ title: t(lang, 'digest.nextSteps'), value: p.nextSteps }] : []),
    ];
    if (facts.length) body.push({ type: 'FactSet', facts, spacing: 'Small' });
  }

  if (d.dueSoon.length) {
    body.push(text(`📅 ${t(lang, 'digest.dueSoon', { n: d.dueWithinDays })}`, { weight: 'Bolder', separator: true }));
    for (const x of d.dueSoon) body.push(text(`**${x.projectName}**: ${dueDetail(x, lang)}`, { spacing: 'Small' }));
  }

  const entities: Element[] = [];
  if (d.stale.length) {
    body.push(text(`💤 ${t(lang, 'digest.stale', { n: d.staleAfterDays })}`, { weight: 'Bolder', separator: true }));
    for (const s of d.stale) body.push(text(`${s.projectName}: ${staleDetail(s, lang)}`, { spacing: 'Small' }));
    if (d.teamLeader) {
      let who = d.teamLeader.name;
      const account = d.teamLeader.accounts.find((a) => a.platform === 'teams');
      if (account) {
        who = `<at>${d.teamLeader.name}</at>`;
        entities.push({ type: 'mention', text: who, mentioned: { id: account.userId, name: d.teamLeader.name } });
      }
      body.push(text(t(lang, 'digest.askLeader', { who })));
    }
  }

  const actions = [{ type: 'Action.Submit', title: t(lang, 'digest.logUpdate'), data: { action: OPEN_UPDATE_FORM_ACTION, cantiere: d.cantiere.id } }];
  return card(body, actions, entities);
}

/** A team leader's reminder card: one line and one button per stale project. */
export function renderReminderTeams(r: ReminderData): AdaptiveCard {
  const lang = r.lang;
  const body: Element[] = [text(`🔔 ${t(lang, 'digest.reminderTitle')}`, { weight: 'Bolder' }), text(reminderIntro(r))];
  for (const s of r.stale) {
    body.push({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [text(`**${s.projectName}**: ${staleDetail(s, lang)}`)], verticalContentAlignment: 'Center' },
        {
          type: 'Column',
          width: 'auto',
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: t(lang, 'digest.update'), data: { action: OPEN_UPDATE_FORM_ACTION, project: s.projectId } }] }],
        },
      ],
    });
  }
  return card(body, []);
}

import { attentionDetail, DIGEST_EXCERPT_CHARS, digestTitle, dueDetail, indicatorDetail, listHead, projectStatusLine, staleDetail, statusIcon, weekLine } from '../../../core/digest/labels.ts';
import { t } from '../../../core/texts/index.ts';
import { reminderIntro } from '../../../core/digest/text.ts';
import type { DigestData, IndicatorDigest, PersonRef, ProjectDigest } from '../../../core/digest/types.ts';
import type { ReminderData } from '../../../core/outbound/message.ts';
import { clipText } from '../../../core/text-bounds.ts';
import type { Lang } from '../../../core/types.ts';
import { card, text, type AdaptiveCard, type AdaptiveElement as Element } from './adaptive.ts';
import { plainCardText } from './sanitise.ts';
import { CARD_BUDGET_BYTES, fitItems, utf16Bytes } from './size.ts';

/** Data of the Action.Submit the Teams adapter handles by sending the update card. */
export const OPEN_UPDATE_FORM_ACTION = 'open_update_form';

/** People's and models' text in a digest: cut to the digest's excerpt, shown as plain text. */
const excerpt = (value: string) => plainCardText(clipText(value, DIGEST_EXCERPT_CHARS));

/**
 * A list's lines as one Markdown list in one TextBlock (items separated by `\r`, as Teams'
 * card formatting documents; a block per line would spend the card's size on JSON), then "and N more".
 */
function lines<T>(items: T[], line: (item: T) => string, lang: Lang): Element[] {
  const { shown, more } = listHead(items);
  return [
    text(shown.map((item) => `- ${line(item)}`).join('\r'), { spacing: 'Small' }),
    ...(more ? [text(t(lang, 'digest.moreItems', { n: more }), { isSubtle: true, spacing: 'Small' })] : []),
  ];
}

/** A titled list, at most the digest's list length. */
function list<T>(title: string, items: T[], line: (item: T) => string, lang: Lang): Element[] {
  return [text(title, { weight: 'Bolder', separator: true }), ...lines(items, line, lang)];
}

function projectElements(p: ProjectDigest, lang: Lang): Element[] {
  const out: Element[] = [text(`${statusIcon(p.status)} **${excerpt(p.name)}**: ${projectStatusLine(p, lang)}`, { spacing: 'Medium' })];
  const facts = [
    ...(p.summary ? [{ title: t(lang, 'digest.summary'), value: excerpt(p.summary) }] : []),
    ...(p.nextSteps ? [{ title: t(lang, 'digest.nextSteps'), value: excerpt(p.nextSteps) }] : []),
  ];
  if (facts.length) out.push({ type: 'FactSet', facts, spacing: 'Small' });
  return out;
}

/**
 * The digest as a Teams Adaptive Card (the card JSON itself), within the card budget: projects
 * that do not fit end with a visible "and N more" pointing to the board. Text from people,
 * documents and the model is plain text; the team leader's `<at>` mention is Regia's own.
 */
export function renderDigestTeams(d: DigestData): AdaptiveCard {
  const lang = d.lang;
  const head: Element[] = [
    text(plainCardText(digestTitle(d)), { size: 'Medium', weight: 'Bolder' }),
    text(weekLine(d), { isSubtle: true, spacing: 'None' }),
  ];
  if (d.summary) head.push(text(plainCardText(d.summary)));
  head.push({
    type: 'Container',
    style: d.attention.length ? 'attention' : 'default',
    items: [
      text(`⚠️ ${t(lang, 'digest.attention')}`, { weight: 'Bolder' }),
      ...(d.attention.length
        ? lines(d.attention, (a) => `**${excerpt(a.projectName)}**: ${excerpt(attentionDetail(a, lang))}`, lang)
        : [text(t(lang, 'digest.nothingToFlag'), { spacing: 'Small' })]),
    ],
  });
  head.push(text(`📊 ${t(lang, 'digest.projects')}`, { weight: 'Bolder', separator: true }));
  if (d.projects.length === 0) head.push(text(t(lang, 'digest.noProjects')));

  const tail: Element[] = [];
  const entities: Element[] = [];
  /** A person by their Teams account as an `<at>` mention declared in the card, else their name as text. */
  const who = (p: PersonRef) => {
    const name = plainCardText(p.name);
    const account = p.accounts.find((a) => a.platform === 'teams');
    if (!account) return name;
    const at = `<at>${name}</at>`;
    if (!entities.some((e) => e.text === at)) entities.push({ type: 'mention', text: at, mentioned: { id: account.userId, name: p.name } });
    return at;
  };
  if (d.indicators?.length) {
    const owner = (i: IndicatorDigest) => (i.owner ? ` · ${t(lang, 'digest.reportedBy', { who: who(i.owner) })}` : '');
    tail.push(...list(`📈 ${t(lang, 'digest.indicators')}`, d.indicators, (i) => `**${excerpt(i.name)}**: ${indicatorDetail(i, lang)}${owner(i)}`, lang));
  }
  if (d.dueSoon.length) tail.push(...list(`📅 ${t(lang, 'digest.dueSoon', { n: d.dueWithinDays })}`, d.dueSoon, (x) => `**${excerpt(x.projectName)}**: ${dueDetail(x, lang)}`, lang));
  if (d.stale.length) {
    tail.push(...list(`💤 ${t(lang, 'digest.stale', { n: d.staleAfterDays })}`, d.stale, (s) => `${excerpt(s.projectName)}: ${staleDetail(s, lang)}`, lang));
    if (d.teamLeader) tail.push(text(t(lang, 'digest.askLeader', { who: who(d.teamLeader) })));
  }

  const actions = [{ type: 'Action.Submit', title: t(lang, 'digest.logUpdate'), data: { action: OPEN_UPDATE_FORM_ACTION, cantiere: d.cantiere.id } }];
  const build = (projects: Element[]) => card([...head, ...projects, ...tail], actions, entities);
  const projects = fitItems(
    d.projects,
    (p) => projectElements(p, lang),
    (n) => text(t(lang, 'digest.moreProjects', { n }), { isSubtle: true, spacing: 'Medium' }),
    (body) => utf16Bytes(build(body)) <= CARD_BUDGET_BYTES,
  );
  return build(projects);
}

/** A team leader's reminder card: one line and one button per stale project, within the card budget. */
export function renderReminderTeams(r: ReminderData): AdaptiveCard {
  const lang = r.lang;
  const head: Element[] = [text(`🔔 ${t(lang, 'digest.reminderTitle')}`, { weight: 'Bolder' }), text(plainCardText(reminderIntro(r)))];
  const row = (s: ReminderData['stale'][number]): Element[] => [
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [text(`**${excerpt(s.projectName)}**: ${staleDetail(s, lang)}`)], verticalContentAlignment: 'Center' },
        {
          type: 'Column',
          width: 'auto',
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: t(lang, 'digest.update'), data: { action: OPEN_UPDATE_FORM_ACTION, project: s.projectId } }] }],
        },
      ],
    },
  ];
  const rows = fitItems(
    r.stale,
    row,
    (n) => text(t(lang, 'digest.moreItems', { n }), { isSubtle: true }),
    (body) => utf16Bytes(card([...head, ...body])) <= CARD_BUDGET_BYTES,
  );
  return card([...head, ...rows]);
}

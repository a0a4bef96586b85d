import { attentionDetail, digestTitle, dueDetail, indicatorDetail, projectStatusLine, staleDetail, t, weekLine } from './labels.ts';
import type { ReminderData } from '../outbound/message.ts';
import type { DigestData } from './types.ts';

/** The digest as plain text: the console, the CLI preview, and every platform's notification text. */
export function renderDigestText(d: DigestData): string {
  const lang = d.lang;
  const out: string[] = [digestTitle(d), weekLine(d)];
  if (d.summary) out.push('', d.summary);

  out.push('', `⚠️ ${t('attention', lang)}`);
  if (d.attention.length === 0) out.push(`  ${t('nothingToFlag', lang)}`);
  for (const a of d.attention) out.push(`• ${a.projectName}: ${attentionDetail(a, lang)}`);

  out.push('', `📊 ${t('projects', lang)}`);
  if (d.projects.length === 0) out.push(`  ${t('noProjects', lang)}`);
  for (const p of d.projects) {
    out.push(`• ${p.name}: ${projectStatusLine(p, lang)}`);
    if (p.summary) out.push(`  ${t('summary', lang)}: ${p.summary}`);
    if (p.nextSteps) out.push(`  ${t('nextSteps', lang)}: ${p.nextSteps}`);
  }

  const indicators = d.indicators ?? [];
  if (indicators.length) {
    out.push('', `📈 ${t('indicators', lang)}`);
    for (const i of indicators) out.push(`• ${i.name}: ${indicatorDetail(i, lang)}${i.owner ? ` · ${t('reportedBy', lang, { who: `@${i.owner.name}` })}` : ''}`);
  }

  if (d.dueSoon.length) {
    out.push('', `📅 ${t('dueSoon', lang, { n: d.dueWithinDays })}`);
    for (const x of d.dueSoon) out.push(`• ${x.projectName}: ${dueDetail(x, lang)}`);
  }

  if (d.stale.length) {
    out.push('', `💤 ${t('stale', lang, { n: d.staleAfterDays })}`);
    for (const s of d.stale) out.push(`• ${s.projectName}: ${staleDetail(s, lang)}`);
    if (d.teamLeader) out.push(t('askLeader', lang, { who: `@${d.teamLeader.name}` }));
  }

  out.push('', t('logUpdateHint', lang));
  return out.join('\n');
}

/** A reminder's opening line (shared by every rendering). */
export function reminderIntro(r: ReminderData): string {
  return t('reminderIntro', r.lang, { when: r.digestAt, n: r.staleAfterDays });
}

/** The reminder as plain text: the notification text of every platform. */
export function renderReminderText(r: ReminderData): string {
  return [`🔔 ${t('reminderTitle', r.lang)}`, reminderIntro(r), ...r.stale.map((s) => `• ${s.projectName}`)].join('\n');
}

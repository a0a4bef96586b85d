import { attentionDetail, digestTitle, dueDetail, indicatorDetail, projectStatusLine, staleDetail, weekLine } from './labels.ts';
import { t } from '../texts/index.ts';
import type { ReminderData } from '../outbound/message.ts';
import type { DigestData } from './types.ts';

/** The digest as plain text: the console, the CLI preview, and every platform's notification text. */
export function renderDigestText(d: DigestData): string {
  const lang = d.lang;
  const out: string[] = [digestTitle(d), weekLine(d)];
  if (d.summary) out.push('', d.summary);

  out.push('', `⚠️ ${t(lang, 'digest.attention')}`);
  if (d.attention.length === 0) out.push(`  ${t(lang, 'digest.nothingToFlag')}`);
  for (const a of d.attention) out.push(`• ${a.projectName}: ${attentionDetail(a, lang)}`);

  out.push('', `📊 ${t(lang, 'digest.projects')}`);
  if (d.projects.length === 0) out.push(`  ${t(lang, 'digest.noProjects')}`);
  for (const p of d.projects) {
    out.push(`• ${p.name}: ${projectStatusLine(p, lang)}`);
    if (p.summary) out.push(`  ${t(lang, 'digest.summary')}: ${p.summary}`);
    if (p.nextSteps) out.push(`  ${t(lang, 'digest.nextSteps')}: ${p.nextSteps}`);
  }

  const indicators = d.indicators ?? [];
  if (indicators.length) {
    out.push('', `📈 ${t(lang, 'digest.indicators')}`);
    for (const i of indicators) out.push(`• ${i.name}: ${indicatorDetail(i, lang)}${i.owner ? ` · ${t(lang, 'digest.reportedBy', { who: `@${i.owner.name}` })}` : ''}`);
  }

  if (d.dueSoon.length) {
    out.push('', `📅 ${t(lang, 'digest.dueSoon', { n: d.dueWithinDays })}`);
    for (const x of d.dueSoon) out.push(`• ${x.projectName}: ${dueDetail(x, lang)}`);
  }

  if (d.stale.length) {
    out.push('', `💤 ${t(lang, 'digest.stale', { n: d.staleAfterDays })}`);
    for (const s of d.stale) out.push(`• ${s.projectName}: ${staleDetail(s, lang)}`);
    if (d.teamLeader) out.push(t(lang, 'digest.askLeader', { who: `@${d.teamLeader.name}` }));
  }

  out.push('', t(lang, 'digest.logUpdateHint'));
  return out.join('\n');
}

/** A reminder's opening line (shared by every rendering). */
export function reminderIntro(r: ReminderData): string {
  return t(r.lang, 'digest.reminderIntro', { when: r.digestAt, n: r.staleAfterDays });
}

/** The reminder as plain text: the notification text of every platform. */
export function renderReminderText(r: ReminderData): string {
  return [`🔔 ${t(r.lang, 'digest.reminderTitle')}`, reminderIntro(r), ...r.stale.map((s) => `• ${s.projectName}`)].join('\n');
}

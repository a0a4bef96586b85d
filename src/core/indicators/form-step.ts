import type { AppContext } from '../../app.ts';
import { claimEvent, releaseEvent } from '../chat/events.ts';
import { t } from '../texts/index.ts';
import { formatDate, localDate } from '../time.ts';
import type { Actor, Lang } from '../types.ts';
import type { FormDefinition, FormField } from '../updates/form.ts';
import { readIndicators, type Indicator } from './catalogue.ts';
import { formatValue } from './format.ts';
import { parseFigure } from './parse.ts';
import { checkCanLogValue, latestPerDay, listIndicatorValues, logIndicatorValues, type IndicatorValue, type IndicatorValueInput } from './store.ts';

/**
 * The optional second step of the progress-update form: one number per indicator of the project
 * that its author may log, each with its latest value and next target as a hint. Every channel
 * renders it like the update form itself; blank fields are simply not logged. Values are measured
 * today and saved append-only, authorised like the update.
 */

export type IndicatorStepForm = FormDefinition<string> & { id: 'indicator_values'; projectId: string; names: string[] };

/** The project's indicators this actor may log, or null when there are none (no step to show). */
export async function buildIndicatorStep(app: AppContext, actor: Actor, projectId: string, lang: Lang): Promise<IndicatorStepForm | null> {
  const programme = await app.programme();
  const project = programme?.cantieri.flatMap((c) => c.projects).find((p) => p.id === projectId);
  if (!programme || !project) return null;
  const mine = (await readIndicators(app.db)).filter((i) => i.projectId === projectId);
  const allowed: Indicator[] = [];
  for (const i of mine) if ((await checkCanLogValue(app, actor, i, lang)).ok) allowed.push(i);
  if (!allowed.length) return null;
  const values = await listIndicatorValues(app.db, { indicatorIds: allowed.map((i) => i.id) });
  return {
    id: 'indicator_values',
    projectId,
    lang,
    title: t(lang, 'indicators.step.title'),
    intro: t(lang, 'indicators.step.intro', { project: project.name }),
    submitLabel: t(lang, 'indicators.step.submit'),
    cancelLabel: t(lang, 'indicators.step.skip'),
    names: allowed.map((i) => i.name[lang]),
    fields: allowed.map((i) => field(i, latestPerDay(values.filter((v) => v.indicatorId === i.id)).at(-1), lang)),
  };
}

function field(i: Indicator, latest: IndicatorValue | undefined, lang: Lang): FormField<string> {
  const bi = (l: Lang) => ({
    label: i.unit[l] ? `${i.name[l]} (${i.unit[l]})` : i.name[l],
    hint: [
      latest
        ? t(l, 'indicators.latest', { v: formatValue(latest.value, i, l), d: formatDate(latest.measuredOn, l) })
        : t(l, 'indicators.step.baseline', { v: formatValue(i.baseline.value, i, l), d: formatDate(i.baseline.date, l) }),
      ...i.targets.slice(-1).map((x) => t(l, 'indicators.target', { v: formatValue(x.value, i, l), d: formatDate(x.by, l) })),
    ].join(' · '),
  });
  const both = { it: bi('it'), en: bi('en') };
  return {
    id: i.id,
    kind: 'number',
    decimal: true,
    label: both[lang].label,
    hint: both[lang].hint,
    labels: { it: both.it.label, en: both.en.label },
    hints: { it: both.it.hint, en: both.en.hint },
    required: false,
    initial: null,
  };
}

export type IndicatorStepResult =
  | { ok: true; saved: IndicatorValue[]; text: string }
  | { ok: false; reason: 'invalid'; errors: Record<string, string> }
  | { ok: false; reason: 'duplicate' };

export interface IndicatorStepSave {
  actor: Actor;
  lang: Lang;
  /** Raw values keyed by indicator id, as the form returned them. */
  values: Record<string, unknown>;
  sourceRef: string;
  /** A save under this key happens once (the step submitted twice). */
  onceKey: string;
  now?: Date;
}

/** Checks every entered value (a number, the author's right, the date), then appends them in one transaction. */
export async function saveIndicatorStep(app: AppContext, form: IndicatorStepForm, req: IndicatorStepSave): Promise<IndicatorStepResult> {
  const programme = await app.programme();
  const measuredOn = localDate(req.now ?? new Date(), programme?.timezone ?? 'UTC');
  const errors: Record<string, string> = {};
  const entered: IndicatorValueInput[] = [];
  for (const f of form.fields) {
    const raw = req.values[f.id];
    if (raw === undefined || raw === null || String(raw).trim() === '') continue;
    const value = parseFigure(String(raw));
    if (value === null) errors[f.id] = t(req.lang, 'indicators.step.notNumber', { value: String(raw) });
    else entered.push({ indicator: f.id, value, measuredOn });
  }
  if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
  if (!entered.length) return { ok: true, saved: [], text: t(req.lang, 'indicators.step.nothing') };
  const once = `indicator-step|${req.onceKey}`;
  if (!(await claimEvent(app.db, req.actor.platform, once))) return { ok: false, reason: 'duplicate' };
  try {
    const opts = { origin: 'form' as const, sourceRef: req.sourceRef };
    const result = await logIndicatorValues(app, entered.map((input) => ({ key: input.indicator, input, actor: req.actor, opts })), req.lang);
    if (!result.ok) {
      await releaseEvent(app.db, req.actor.platform, once);
      return { ok: false, reason: 'invalid', errors: Object.fromEntries(result.problems.map((p) => [p.key, p.message])) };
    }
    const list = result.saved.map((s) => `${s.indicator.name[req.lang]}: ${formatValue(s.stored.value, s.indicator, req.lang)} (#${s.stored.id})`).join('; ');
    return { ok: true, saved: result.saved.map((s) => s.stored), text: t(req.lang, 'indicators.step.saved', { n: result.saved.length, list }) };
  } catch (err) {
    // Nothing was written: the same step may be submitted again.
    await releaseEvent(app.db, req.actor.platform, once);
    throw err;
  }
}

/**
 * For the text dialog, which has no form: how to log the same values as plain messages (each is
 * read, shown back and saved on "salva", see ./dialog.ts).
 */
export function indicatorStepHint(form: IndicatorStepForm): string {
  return t(form.lang, 'indicators.step.dialogHint', { list: form.names.join('; '), example: form.names[0] });
}

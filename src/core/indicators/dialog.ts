import type { AppContext } from '../../app.ts';
import { fold } from '../language.ts';
import type { Actor, Lang } from '../types.ts';
import { formatDate } from '../time.ts';
import { CANCEL, SAVE } from '../updates/dialog/words.ts';
import { wholeWords } from '../updates/text.ts';
import { readIndicators, type Indicator } from './catalogue.ts';
import { formatValue } from './format.ts';
import { findIndicatorsInText, hasIndicatorCue } from './match.ts';
import { parseIndicatorMessage } from './parse.ts';
import { checkCanLogValue, IndicatorValueError, saveIndicatorValue } from './store.ts';
import { t } from '../texts/index.ts';

/**
 * A value written in chat ("broadband: now 92 municipalities", "Hub Dati: 104 dataset pubblicati")
 * is shown back as a preview and saved only when its author says "salva / save". The pending value
 * lives in the `conversations` table like an update dialog, so a restart does not lose it.
 */

export const INDICATOR_DIALOG_KIND = 'indicator_value';

interface Key {
  actor: Actor;
  conversationId: string;
}

interface PendingValue {
  v: 1;
  lang: Lang;
  indicator: string;
  value: number;
  measuredOn: string;
  sourceText: string;
}

export type IndicatorDialogReply = { kind: 'dialog'; text: string; done?: boolean } | { kind: 'refused'; text: string };

const said = (text: string, words: string[]) => words.includes(fold(text).trim().replace(/[.!]+$/, ''));

/**
 * Whether a message reports a value: one indicator is named (by its own name, distinctive words or
 * its project), a figure is given, and the message says what the figure measures (the indicator's
 * unit) or names the indicator outright.
 */
function reportedValue(indicators: Indicator[], text: string, programme: Awaited<ReturnType<AppContext['programme']>>, now: Date) {
  if (/\?\s*$/.test(text)) return null;
  const matches = findIndicatorsInText(programme, indicators, text);
  if (matches.length !== 1) return null;
  const parsed = parseIndicatorMessage(programme, indicators, text, { now });
  if (parsed.value === null || !parsed.indicator) return null;
  const i = matches[0].indicator;
  const units = [i.unit.it, i.unit.en].filter(Boolean);
  // A bare "%" is what progress updates say too ("siamo al 40%"): it does not tell a value apart.
  const unitSaid = units.some((u) => u !== '%' && wholeWords(u).test(fold(text)));
  // Through its project only when the figure's unit is the indicator's ("Hub Dati: 104 dataset"),
  // so "Hub Dati: siamo al 70%" stays a progress update.
  if (matches[0].how === 'project' ? !unitSaid : !unitSaid && matches[0].how !== 'own' && !hasIndicatorCue(text)) return null;
  return { indicator: i, parsed };
}

export async function startIndicatorValueDialog(app: AppContext, key: Key, text: string, lang: Lang, now: Date = new Date()): Promise<IndicatorDialogReply | null> {
  const indicators = await readIndicators(app.db);
  if (!indicators.length) return null;
  const programme = await app.programme();
  const found = reportedValue(indicators, text, programme, now);
  if (!found) return null;
  const { indicator, parsed } = found;
  const auth = await checkCanLogValue(app, key.actor, indicator, lang);
  if (!auth.ok) return { kind: 'refused', text: auth.message };
  const state: PendingValue = { v: 1, lang, indicator: indicator.id, value: parsed.value!, measuredOn: parsed.measuredOn, sourceText: text };
  await app.db.query(
    `INSERT INTO conversations (platform, conversation_id, user_id, kind, state, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (platform, conversation_id, user_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, updated_at = excluded.updated_at`,
    [key.actor.platform, key.conversationId, key.actor.userId, INDICATOR_DIALOG_KIND, state, now.toISOString()],
  );
  return { kind: 'dialog', text: `${preview(indicator, state)}\n${t(lang, 'indicators.confirm')}` };
}

function preview(indicator: Indicator, s: PendingValue): string {
  return t(s.lang, 'indicators.preview', { name: indicator.name[s.lang], value: formatValue(s.value, indicator, s.lang), date: formatDate(s.measuredOn, s.lang), source: indicator.source ?? '—' });
}

/** A preview left unanswered this long is forgotten. */
const PENDING_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The answer to a pending preview: save or cancel. Anything else is null and goes its usual way (a
 * question is answered; the preview keeps waiting).
 */
export async function continueIndicatorValueDialog(app: AppContext, key: Key, text: string, now: Date = new Date()): Promise<IndicatorDialogReply | null> {
  const [row] = await app.db.query(
    `SELECT state, updated_at FROM conversations WHERE platform = $1 AND conversation_id = $2 AND user_id = $3 AND kind = $4`,
    [key.actor.platform, key.conversationId, key.actor.userId, INDICATOR_DIALOG_KIND],
  );
  if (!row) return null;
  const s = row.state as PendingValue;
  const forget = () =>
    app.db.query(`DELETE FROM conversations WHERE platform = $1 AND conversation_id = $2 AND user_id = $3 AND kind = $4`, [
      key.actor.platform, key.conversationId, key.actor.userId, INDICATOR_DIALOG_KIND,
    ]);
  if (now.getTime() - new Date(row.updated_at).getTime() > PENDING_TTL_MS) {
    await forget();
    return null;
  }
  if (said(text, CANCEL) || said(text, ['no', 'n'])) {
    await forget();
    return { kind: 'dialog', text: t(s.lang, 'indicators.cancelled'), done: true };
  }
  if (!said(text, SAVE)) return null;
  try {
    const saved = await saveIndicatorValue(app, { indicator: s.indicator, value: s.value, measuredOn: s.measuredOn }, key.actor, {
      origin: 'message',
      sourceText: s.sourceText,
      lang: s.lang,
    });
    await forget();
    const indicator = (await readIndicators(app.db)).find((i) => i.id === s.indicator)!;
    return { kind: 'dialog', text: t(s.lang, 'indicators.saved', { name: indicator.name[s.lang], value: formatValue(saved.value, indicator, s.lang), id: saved.id }), done: true };
  } catch (err) {
    if (!(err instanceof IndicatorValueError)) throw err;
    await forget();
    return { kind: 'refused', text: err.message };
  }
}

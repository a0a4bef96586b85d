import type { Queryable } from '../../../db/client.ts';
import { programmePersonId } from '../../programme/load.ts';
import { PROGRAMME_PLATFORM } from '../../programme/model.ts';
import { readIndicators } from '../indicators/catalogue.ts';
import { latestPerDay, listIndicatorValues, type IndicatorValue } from '../indicators/store.ts';
import { assess } from '../indicators/trend.ts';
import type { Lang } from '../types.ts';
import type { IndicatorDigest, PersonRef } from './types.ts';

const WEEK_MS = 7 * 86_400_000;

/** A person of the programme file by name, with the chat accounts linked to them (one per platform, most recent first). */
async function programmePerson(db: Queryable, name: string): Promise<PersonRef> {
  const rows = await db.query<{ platform: string; user_id: string }>(
    `SELECT platform, user_id FROM people WHERE linked_to = $1 AND platform <> $2 ORDER BY updated_at DESC`,
    [programmePersonId(name), PROGRAMME_PLATFORM],
  );
  const accounts: PersonRef['accounts'] = [];
  for (const r of rows) if (!accounts.some((a) => a.platform === r.platform)) accounts.push({ platform: r.platform, userId: r.user_id });
  return { name, accounts };
}

const point = (v: IndicatorValue | undefined) => (v ? { value: v.value, date: v.measuredOn } : null);

/**
 * The cantiere's indicators (its own and its projects') that moved in the 7 days before `asOf`
 * (a value was logged) or whose target is at risk as of `asOf`, at-risk ones first. Values logged
 * after `asOf` are not seen, so a digest of a past week shows what it showed then.
 */
export async function digestIndicators(db: Queryable, cantiereId: string, asOf: Date, asOfDate: string, lang: Lang): Promise<IndicatorDigest[]> {
  const indicators = (await readIndicators(db)).filter((i) => i.cantiereId === cantiereId && !i.archived);
  if (!indicators.length) return [];
  const known = (await listIndicatorValues(db, { indicatorIds: indicators.map((i) => i.id), until: asOfDate })).filter((v) => Date.parse(v.createdAt) <= asOf.getTime());
  const weekAgo = asOf.getTime() - WEEK_MS;
  const out: IndicatorDigest[] = [];
  for (const indicator of indicators) {
    const own = known.filter((v) => v.indicatorId === indicator.id);
    const current = latestPerDay(own);
    const moved = own.some((v) => Date.parse(v.createdAt) > weekAgo);
    const a = assess(indicator, current.map((v) => ({ value: v.value, date: v.measuredOn })));
    if (!moved && a.state !== 'at_risk') continue;
    out.push({
      id: indicator.id,
      name: indicator.name[lang],
      unit: indicator.unit,
      latest: a.latest,
      // What it moved from: the measurement before the latest one.
      previous: moved ? point(current.at(-2)) : null,
      moved,
      state: a.state,
      target: a.target,
      projected: a.projected,
      owner: indicator.reportedBy ? await programmePerson(db, indicator.reportedBy) : null,
    });
  }
  return out.sort((x, y) => Number(y.state === 'at_risk') - Number(x.state === 'at_risk'));
}

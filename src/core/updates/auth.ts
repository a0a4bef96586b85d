import type { Queryable } from '../../../db/client.ts';
import { t } from '../texts/index.ts';
import type { AppContext } from '../../app.ts';
import type { Programme } from '../../programme/model.ts';
import { isLocalOperator, resolvePerson } from '../identity/person.ts';
import type { Actor, Lang } from '../types.ts';
import { cantiereOf, projectById } from './projects.ts';
import { fold } from '../language.ts';

const norm = (name: string) => fold(name).replace(/[^a-z0-9]+/g, ' ').trim();

/** Names of the people who may log updates for a cantiere's projects: its team leaders, then admins. */
export async function whoMayLog(db: Queryable, programme: Programme, cantiereId: string): Promise<{ teamLeaders: string[]; admins: string[] }> {
  const c = programme.cantieri.find((x) => x.id === cantiereId);
  const rows = await db.query(
    `SELECT DISTINCT display_name, role FROM people WHERE role = 'admin' OR (role = 'team_leader' AND cantiere_id = $1) ORDER BY display_name`,
    [cantiereId],
  );
  const leaders = new Map<string, string>();
  if (c?.teamLeader) leaders.set(norm(c.teamLeader), c.teamLeader);
  for (const r of rows) if (r.role === 'team_leader') leaders.set(norm(r.display_name), leaders.get(norm(r.display_name)) ?? r.display_name);
  const admins = new Map<string, string>();
  for (const r of rows) if (r.role === 'admin') admins.set(norm(r.display_name), r.display_name);
  return { teamLeaders: [...leaders.values()], admins: [...admins.values()] };
}

export type AuthResult = { ok: true } | { ok: false; message: string };

/**
 * May this actor log an update for this project? Admins always; team leaders for their cantiere's
 * projects; anyone when `config.updatePolicy` is 'any_member'. A refusal names who may do it.
 */
export async function checkCanLogUpdate(app: AppContext, actor: Actor, projectId: string, lang?: Lang): Promise<AuthResult> {
  const programme = await app.programme();
  const l: Lang = lang ?? programme?.language ?? 'it';
  if (!programme) return { ok: false, message: t(l, 'updates.auth.noProgramme') };
  const project = projectById(programme, projectId);
  const cantiere = cantiereOf(programme, projectId);
  if (!project || !cantiere) return { ok: false, message: t(l, 'updates.auth.unknownProject', { id: projectId }) };
  return authorise(app, actor, programme, cantiere, project.name, l);
}

/**
 * May this actor log figures for something of a cantiere that is not one project (an indicator of
 * the whole axis)? The same rule as for updates: admins, the cantiere's team leaders, or anyone under
 * `any_member`.
 */
export async function checkCanLogInCantiere(app: AppContext, actor: Actor, cantiereId: string, subject: string, lang?: Lang): Promise<AuthResult> {
  const programme = await app.programme();
  const l: Lang = lang ?? programme?.language ?? 'it';
  const cantiere = programme?.cantieri.find((c) => c.id === cantiereId);
  if (!programme || !cantiere) return { ok: false, message: t(l, 'updates.auth.unknownCantiere', { id: cantiereId }) };
  return authorise(app, actor, programme, cantiere, subject, l);
}

async function authorise(app: AppContext, actor: Actor, programme: Programme, cantiere: Programme['cantieri'][number], subject: string, l: Lang): Promise<AuthResult> {
  if (isLocalOperator(actor)) return { ok: true };
  const person = await resolvePerson(app.db, actor);
  if (person.role === 'admin') return { ok: true };
  if (app.config.updatePolicy === 'any_member') return { ok: true };
  if (person.role === 'team_leader' && person.cantiereId === cantiere.id) return { ok: true };
  const { teamLeaders, admins } = await whoMayLog(app.db, programme, cantiere.id);
  const list = (names: string[]) => names.join(t(l, 'updates.auth.or'));
  const where = { number: cantiere.number, name: cantiere.name };
  const leaders = teamLeaders.length ? t(l, 'updates.auth.leaders', { ...where, names: list(teamLeaders) }) : t(l, 'updates.auth.noLeader', where);
  const adminText = admins.length ? t(l, 'updates.auth.admins', { names: list(admins) }) : t(l, 'updates.auth.anAdmin');
  return { ok: false, message: t(l, 'updates.auth.refused', { subject, leaders, admins: adminText }) };
}

import type { Queryable } from '../../../db/client.ts';
import type { AppContext } from '../../app.ts';
import { PROGRAMME_PLATFORM, type Programme } from '../../programme/model.ts';
import type { Actor, Lang } from '../types.ts';
import { cantiereOf, projectById } from './projects.ts';
import { fold } from '../language.ts';

export type Role = 'admin' | 'team_leader' | 'member';

export interface Person {
  platform: string;
  userId: string;
  displayName: string;
  role: Role;
  cantiereId: string | null;
}

/**
 * Local operators: whoever runs the CLI or the console chat already holds the database (they could
 * write SQL), so they act as admins; access control matters on shared chat platforms.
 */
export function isLocalOperator(actor: Actor): boolean {
  return actor.platform === 'cli' || actor.platform === 'console';
}

const norm = (name: string) => fold(name).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The person behind a platform account. An account seen for the first time is linked to the person
 * of the programme file with the same display name (accent/case-insensitive, exactly one match),
 * inheriting role and cantiere; otherwise it is recorded as a member.
 */
export async function resolvePerson(db: Queryable, actor: Actor): Promise<Person> {
  const [known] = await db.query(`SELECT * FROM people WHERE platform = $1 AND user_id = $2`, [actor.platform, actor.userId]);
  if (known) return toPerson(known);
  const named = await db.query(`SELECT * FROM people WHERE platform = $1`, [PROGRAMME_PLATFORM]);
  const want = norm(actor.displayName);
  const matches = want ? named.filter((p) => norm(p.display_name) === want) : [];
  // Not when that person already has an account on this platform (named in the file, or linked
  // before): a second account with the same display name is somebody else until an admin says so.
  const taken = matches.length === 1
    ? (await db.query(`SELECT display_name FROM people WHERE platform = $1`, [actor.platform])).some((p) => norm(p.display_name) === want)
    : false;
  const source = matches.length === 1 && !taken ? matches[0] : null;
  const role: Role = source?.role ?? 'member';
  const cantiereId: string | null = source?.cantiere_id ?? null;
  if (!isLocalOperator(actor)) {
    await db.query(
      `INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform, user_id) DO NOTHING`,
      [actor.platform, actor.userId, actor.displayName, role, cantiereId],
    );
  }
  return { platform: actor.platform, userId: actor.userId, displayName: actor.displayName, role, cantiereId };
}

function toPerson(r: Record<string, any>): Person {
  return { platform: r.platform, userId: r.user_id, displayName: r.display_name, role: r.role, cantiereId: r.cantiere_id };
}

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
  const L = (it: string, en: string) => (l === 'it' ? it : en);
  if (!programme) return { ok: false, message: L('Nessun programma caricato: esegui «regia programme load FILE».', 'No programme loaded: run "regia programme load FILE".') };
  const project = projectById(programme, projectId);
  const cantiere = cantiereOf(programme, projectId);
  if (!project || !cantiere) return { ok: false, message: L(`Progetto «${projectId}» sconosciuto.`, `Unknown project "${projectId}".`) };
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
  if (!programme || !cantiere) return { ok: false, message: l === 'it' ? `Cantiere «${cantiereId}» sconosciuto.` : `Unknown cantiere "${cantiereId}".` };
  return authorise(app, actor, programme, cantiere, subject, l);
}

async function authorise(app: AppContext, actor: Actor, programme: Programme, cantiere: Programme['cantieri'][number], subject: string, l: Lang): Promise<AuthResult> {
  const L = (it: string, en: string) => (l === 'it' ? it : en);
  if (isLocalOperator(actor)) return { ok: true };
  const person = await resolvePerson(app.db, actor);
  if (person.role === 'admin') return { ok: true };
  if (app.config.updatePolicy === 'any_member') return { ok: true };
  const leaderByName = cantiere.teamLeader && norm(cantiere.teamLeader) === norm(person.displayName) && norm(person.displayName) !== '';
  if (person.role === 'team_leader' && (person.cantiereId === cantiere.id || leaderByName)) return { ok: true };
  const { teamLeaders, admins } = await whoMayLog(app.db, programme, cantiere.id);
  const cantiereLabel = `${L('cantiere', 'cantiere')} ${cantiere.number} (${cantiere.name})`;
  const list = (names: string[]) => names.join(L(' o ', ' or '));
  const leaders = teamLeaders.length
    ? L(`il team leader del ${cantiereLabel}, ${list(teamLeaders)}`, `the team leader of ${cantiereLabel}, ${list(teamLeaders)}`)
    : L(`il team leader del ${cantiereLabel} (non ancora indicato nel file di programma)`, `the team leader of ${cantiereLabel} (not yet named in the programme file)`);
  const adminText = admins.length ? L(`, o un amministratore (${list(admins)})`, `, or an admin (${list(admins)})`) : L(', o un amministratore', ', or an admin');
  return {
    ok: false,
    message: L(
      `Non puoi registrare aggiornamenti per «${subject}»: può farlo ${leaders}${adminText}.`,
      `You cannot log updates for "${subject}": ask ${leaders}${adminText}.`,
    ),
  };
}

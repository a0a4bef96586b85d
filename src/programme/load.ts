import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../../db/client.ts';
import { placeIndicators, upsertIndicators } from '../core/indicators/catalogue.ts';
import type { Programme } from './model.ts';
import { formatPath, programmeFileSchema, type ProgrammeFile } from './schema.ts';
import { readYaml, YamlError } from './yaml.ts';

/** A programme file that cannot be used: every problem names its place in the file. */
export class ProgrammeFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

export function parseProgrammeFile(file: string, text?: string): ProgrammeFile {
  const name = basename(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ProgrammeFileError(name, [`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`]);
    }
  }
  let data: unknown;
  try {
    data = readYaml(text);
  } catch (err) {
    if (err instanceof YamlError) throw new ProgrammeFileError(name, [err.message]);
    throw err;
  }
  const parsed = programmeFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ProgrammeFileError(
      name,
      parsed.error.issues.map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message.startsWith('Invalid input: expected') && i.message.endsWith('undefined') ? 'required' : i.message}`),
    );
  }
  return parsed.data;
}

/**
 * The programme as `readProgramme` returns it after `loadProgramme` of this file, without a
 * database: for scripts and tests that only read names, aliases and the glossary.
 */
export function programmeOfFile(f: ProgrammeFile): Programme {
  return {
    id: f.programme.id,
    name: f.programme.name,
    timezone: f.programme.timezone,
    language: f.programme.language,
    digestCron: f.programme.digest.cron,
    staleAfterDays: f.programme.digest.stale_after_days,
    reminderHoursBefore: f.programme.digest.reminder_hours_before,
    glossary: f.glossary,
    cantieri: f.cantieri.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      teamLeader: c.team_leader,
      slackChannel: c.channels.slack,
      teamsChannel: c.channels.teams,
      archived: false,
      projects: c.projects.map((p) => ({ id: p.id, cantiereId: c.id, name: p.name, aliases: p.aliases, description: p.description, archived: false })),
    })),
  };
}

export interface ProgrammeLoadSummary {
  programme: string;
  cantieri: number;
  projects: number;
  archived: string[];
  changed: number;
}

/** Person ids for names known only from the programme file (no platform account yet). */
export function programmePersonId(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Upserts the programme, its cantieri and projects in one transaction. Rows are only touched when
 * something differs, so loading the same file twice changes nothing; projects that left the file
 * are archived (their updates stay), never deleted.
 */
export async function loadProgramme(db: Db, file: ProgrammeFile): Promise<ProgrammeLoadSummary> {
  const p = file.programme;
  return db.transaction(async (tx) => {
    let changed = 0;
    const count = (rows: unknown[]) => (changed += rows.length);
    count(
      await tx.query(
        `INSERT INTO programmes (id, name, timezone, language, digest_cron, stale_after_days, config)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
           language = excluded.language, digest_cron = excluded.digest_cron,
           stale_after_days = excluded.stale_after_days, config = excluded.config, updated_at = now()
         WHERE (programmes.name, programmes.timezone, programmes.language, programmes.digest_cron,
                programmes.stale_after_days, programmes.config)
           IS DISTINCT FROM (excluded.name, excluded.timezone, excluded.language, excluded.digest_cron,
                excluded.stale_after_days, excluded.config)
         RETURNING id`,
        [p.id, p.name, p.timezone, p.language, p.digest.cron, p.digest.stale_after_days, { reminder_hours_before: p.digest.reminder_hours_before, glossary: file.glossary }],
      ),
    );
    const projectIds: string[] = [];
    for (const [ci, c] of file.cantieri.entries()) {
      count(
        await tx.query(
          `INSERT INTO cantieri (id, programme_id, number, name, team_leader, slack_channel, teams_channel, position, archived)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false)
           ON CONFLICT (id) DO UPDATE SET programme_id = excluded.programme_id, number = excluded.number,
             name = excluded.name, team_leader = excluded.team_leader, slack_channel = excluded.slack_channel,
             teams_channel = excluded.teams_channel, position = excluded.position, archived = false, updated_at = now()
           WHERE (cantieri.programme_id, cantieri.number, cantieri.name, cantieri.team_leader, cantieri.slack_channel,
                  cantieri.teams_channel, cantieri.position, cantieri.archived)
             IS DISTINCT FROM (excluded.programme_id, excluded.number, excluded.name, excluded.team_leader,
                  excluded.slack_channel, excluded.teams_channel, excluded.position, false)
           RETURNING id`,
          [c.id, p.id, c.number, c.name, c.team_leader, c.channels.slack, c.channels.teams, ci],
        ),
      );
      for (const [pi, pr] of c.projects.entries()) {
        projectIds.push(pr.id);
        count(
          await tx.query(
            `INSERT INTO projects (id, cantiere_id, name, aliases, description, metadata, position, archived)
             VALUES ($1, $2, $3, $4, $5, '{"origin":"programme"}', $6, false)
             ON CONFLICT (id) DO UPDATE SET cantiere_id = excluded.cantiere_id, name = excluded.name,
               aliases = excluded.aliases, description = coalesce(excluded.description, projects.description),
               position = excluded.position, archived = false,
               metadata = projects.metadata || '{"origin":"programme"}', updated_at = now()
             WHERE (projects.cantiere_id, projects.name, projects.aliases, projects.position, projects.archived,
                    projects.metadata->>'origin')
               IS DISTINCT FROM (excluded.cantiere_id, excluded.name, excluded.aliases, excluded.position, false, 'programme')
                OR (excluded.description IS NOT NULL AND excluded.description IS DISTINCT FROM projects.description)
             RETURNING id`,
            [pr.id, c.id, pr.name, pr.aliases, pr.description, pi],
          ),
        );
      }
    }
    const cantiereIds = file.cantieri.map((c) => c.id);
    const archived = await tx.query<{ id: string }>(
      `UPDATE projects SET archived = true, updated_at = now()
       WHERE archived = false AND metadata->>'origin' = 'programme' AND NOT (id = ANY($1::text[]))
         AND cantiere_id IN (SELECT id FROM cantieri WHERE programme_id = $2)
       RETURNING id`,
      [projectIds, p.id],
    );
    count(
      await tx.query(
        `UPDATE cantieri SET archived = true, updated_at = now()
         WHERE programme_id = $1 AND archived = false AND NOT (id = ANY($2::text[])) RETURNING id`,
        [p.id, cantiereIds],
      ),
    );
    // People named in the file ('programme' rows), and the platform accounts the file names for
    // them. Accounts linked later (by a vouched email, or by an admin) point at the 'programme' row,
    // so what the file says about a person reaches every linked account.
    type FilePerson = { name: string; role: string; cantiere: string | null; slack: string | null; teams: string | null; email: string | null };
    const people: FilePerson[] = [
      ...file.cantieri.filter((c) => c.team_leader).map((c) => ({ name: c.team_leader!, role: 'team_leader', cantiere: c.id, slack: null, teams: null, email: null })),
      ...file.people.map((x) => ({ name: x.name, role: x.role, cantiere: x.cantiere ?? null, slack: x.slack, teams: x.teams, email: x.email })),
    ];
    // A team leader also listed under people[] (with ids or an email) is one person: the entry
    // fills in what it says, and the stronger role wins.
    const rank = (role: string) => ['member', 'team_leader', 'admin'].indexOf(role);
    const byId = new Map<string, FilePerson>();
    for (const person of people) {
      const key = programmePersonId(person.name);
      const prior = byId.get(key);
      if (!prior) byId.set(key, person);
      else {
        byId.set(key, {
          name: prior.name,
          role: rank(person.role) > rank(prior.role) ? person.role : prior.role,
          cantiere: person.cantiere ?? prior.cantiere,
          slack: person.slack ?? prior.slack,
          teams: person.teams ?? prior.teams,
          email: person.email ?? prior.email,
        });
      }
    }
    const named: string[] = [];
    for (const [personId, person] of byId) {
      const accounts: [string, string, string | null][] = [['programme', personId, person.email]];
      if (person.slack) accounts.push(['slack', person.slack, null]);
      if (person.teams) accounts.push(['teams', person.teams, null]);
      for (const [platform, userId, email] of accounts) {
        named.push(`${platform}:${userId}`);
        count(
          await tx.query(
            `INSERT INTO people (platform, user_id, display_name, role, cantiere_id, email, linked_to, linked_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
               cantiere_id = excluded.cantiere_id, email = excluded.email, linked_to = excluded.linked_to,
               linked_by = excluded.linked_by, updated_at = now()
             WHERE (people.display_name, people.role, people.cantiere_id, people.email, people.linked_to, people.linked_by)
               IS DISTINCT FROM (excluded.display_name, excluded.role, excluded.cantiere_id, excluded.email, excluded.linked_to, excluded.linked_by)
             RETURNING user_id`,
            [platform, userId, person.name, person.role, person.cantiere, email, platform === 'programme' ? null : personId, platform === 'programme' ? null : 'programme file'],
          ),
        );
      }
    }
    // Whoever left the file keeps no role: their 'programme' row and the accounts the file named
    // become plain members (accounts linked to them by email or by an admin follow through the join).
    count(
      await tx.query(
        `UPDATE people SET role = 'member', cantiere_id = NULL, updated_at = now()
         WHERE (platform = 'programme' OR linked_by = 'programme file') AND NOT ((platform || ':' || user_id) = ANY($1::text[]))
           AND (role <> 'member' OR cantiere_id IS NOT NULL)
         RETURNING user_id`,
        [named],
      ),
    );
    count(
      await tx.query(
        `UPDATE people SET linked_to = NULL, linked_by = NULL, updated_at = now()
         WHERE linked_by = 'programme file' AND NOT ((platform || ':' || user_id) = ANY($1::text[])) RETURNING user_id`,
        [named],
      ),
    );
    // Linked accounts carry a copy of their person's role and cantiere (digests and notices read
    // the account rows): refreshed here, so a role changed in the file reaches them.
    count(
      await tx.query(
        `UPDATE people a SET role = p.role, cantiere_id = p.cantiere_id, updated_at = now()
         FROM people p WHERE p.platform = 'programme' AND a.linked_to = p.user_id AND a.platform <> 'programme'
           AND (a.role, a.cantiere_id) IS DISTINCT FROM (p.role, p.cantiere_id)
         RETURNING a.user_id`,
      ),
    );
    changed += archived.length;
    changed += await upsertIndicators(tx, p.id, placeIndicators(file));
    return {
      programme: p.id,
      cantieri: file.cantieri.length,
      projects: projectIds.length,
      archived: archived.map((r) => r.id),
      changed,
    };
  });
}

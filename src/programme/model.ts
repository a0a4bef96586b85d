import type { Queryable, Row } from '../../db/client.ts';
import type { GlossaryEntry } from '../core/vocabulary/vocabulary.ts';

/** The `people.platform` of persons named in the programme file (not an account anyone logs in with). */
export const PROGRAMME_PLATFORM = 'programme';

export interface Project {
  id: string;
  cantiereId: string;
  name: string;
  aliases: string[];
  description: string | null;
  archived: boolean;
}

export interface Cantiere {
  id: string;
  number: string;
  name: string;
  teamLeader: string | null;
  slackChannel: string | null;
  teamsChannel: string | null;
  archived: boolean;
  projects: Project[];
}

/** The programme as the running service sees it: read from the database, the one source of truth. */
export interface Programme {
  id: string;
  name: string;
  timezone: string;
  language: 'it' | 'en';
  digestCron: string;
  staleAfterDays: number;
  reminderHoursBefore: number;
  /** Programme terms with translations and expansions (the programme file's `glossary:`). */
  glossary: GlossaryEntry[];
  cantieri: Cantiere[];
}

/** The programme, its cantieri and its projects in one statement: every request reads it, one round trip. */
export async function readProgramme(db: Queryable): Promise<Programme | null> {
  const [row] = await db.query(
    `WITH p AS (SELECT * FROM programmes ORDER BY updated_at DESC LIMIT 1)
     SELECT to_jsonb(p) AS programme,
       (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY c.archived, c.position, c.id), '[]') FROM cantieri c WHERE c.programme_id = p.id) AS cantieri,
       (SELECT coalesce(jsonb_agg(to_jsonb(pr) ORDER BY pr.archived, pr.position, pr.id), '[]') FROM projects pr JOIN cantieri c ON c.id = pr.cantiere_id
         WHERE c.programme_id = p.id) AS projects
     FROM p`,
  );
  if (!row) return null;
  const p = row.programme;
  const cantieri: Row[] = row.cantieri;
  const projects: Row[] = row.projects;
  return {
    id: p.id,
    name: p.name,
    timezone: p.timezone,
    language: p.language === 'en' ? 'en' : 'it',
    digestCron: p.digest_cron,
    staleAfterDays: p.stale_after_days,
    reminderHoursBefore: Number(p.config?.reminder_hours_before ?? 24),
    glossary: Array.isArray(p.config?.glossary) ? p.config.glossary : [],
    cantieri: cantieri.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      teamLeader: c.team_leader,
      slackChannel: c.slack_channel,
      teamsChannel: c.teams_channel,
      archived: c.archived,
      projects: projects
        .filter((pr) => pr.cantiere_id === c.id)
        .map((pr) => ({
          id: pr.id,
          cantiereId: pr.cantiere_id,
          name: pr.name,
          aliases: pr.aliases ?? [],
          description: pr.description,
          archived: pr.archived,
        })),
    })),
  };
}

/** Active projects of the programme, flattened. */
export function activeProjects(programme: Programme): Project[] {
  return programme.cantieri.filter((c) => !c.archived).flatMap((c) => c.projects.filter((p) => !p.archived));
}

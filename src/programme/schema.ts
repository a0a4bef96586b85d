import { Cron } from 'croner';
import { z } from 'zod';
import { indicatorListSchema } from '../core/indicators/definition.ts';
import { id, optionalText, text } from './fields.ts';

export const projectSchema = z.object({
  id,
  name: text,
  aliases: z.array(z.string().trim().min(1)).default([]),
  description: optionalText,
  indicators: indicatorListSchema,
});

export const cantiereSchema = z.object({
  id,
  number: z.union([z.string(), z.number()], { message: 'required' }).transform(String),
  name: text,
  team_leader: optionalText,
  channels: z
    .object({ slack: optionalText, teams: optionalText })
    .default({ slack: null, teams: null }),
  projects: z.array(projectSchema).default([]),
  indicators: indicatorListSchema,
});

/** A programme term: its renderings in the other language and what it stands for ("PSN"). */
export const glossaryEntrySchema = z
  .object({
    term: text,
    translations: z.array(z.string().trim().min(1, 'empty translation')).default([]),
    expansions: z.array(z.string().trim().min(1, 'empty expansion')).default([]),
  })
  .refine((g) => g.translations.length + g.expansions.length > 0, { message: 'a term needs at least one translation or expansion' });

/**
 * A person of the programme. Chat accounts get the person's role only through what the platform
 * vouches for: the `slack`/`teams` account ids, or `email` matched to the address the platform
 * returns for an account (Slack profile, Teams user principal name); never through a display name.
 */
export const personSchema = z.object({
  name: text,
  role: z.enum(['admin', 'team_leader', 'member']),
  cantiere: id.optional(),
  slack: optionalText,
  teams: optionalText,
  email: z.string().trim().toLowerCase().pipe(z.email('an email address')).nullish().transform((v) => v ?? null),
});

export const programmeFileSchema = z
  .object({
    programme: z.object({
      id,
      name: text,
      timezone: text.refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone such as Europe/Rome'),
      language: z.enum(['it', 'en']).default('it'),
      digest: z
        .object({
          cron: text.refine((c) => {
            try {
              new Cron(c, { paused: true });
              return true;
            } catch {
              return false;
            }
          }, 'a cron expression such as "0 9 * * 1"'),
          stale_after_days: z.number().int().positive().default(21),
          reminder_hours_before: z.number().nonnegative().default(24),
        })
        .default({ cron: '0 9 * * 1', stale_after_days: 21, reminder_hours_before: 24 }),
    }),
    cantieri: z.array(cantiereSchema).min(1, 'at least one cantiere'),
    people: z.array(personSchema).default([]),
    glossary: z.array(glossaryEntrySchema).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    const claim = (key: string, path: (string | number)[], what: string) => {
      const prior = seen.get(key);
      if (prior) ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} id "${key.split(':')[1]}" (first at ${prior})` });
      else seen.set(key, formatPath(path));
    };
    file.cantieri.forEach((c, i) => {
      claim(`cantiere:${c.id}`, ['cantieri', i, 'id'], 'cantiere');
      for (const [j, p] of c.projects.entries()) claim(`project:${p.id}`, ['cantieri', i, 'projects', j, 'id'], 'project');
      for (const [k, x] of c.indicators.entries()) claim(`indicator:${x.id}`, ['cantieri', i, 'indicators', k, 'id'], 'indicator');
      for (const [j, p] of c.projects.entries()) {
        for (const [k, x] of p.indicators.entries()) claim(`indicator:${x.id}`, ['cantieri', i, 'projects', j, 'indicators', k, 'id'], 'indicator');
      }
    });
    file.people.forEach((p, i) => {
      if (p.cantiere && !file.cantieri.some((c) => c.id === p.cantiere)) {
        ctx.addIssue({ code: 'custom', path: ['people', i, 'cantiere'], message: `unknown cantiere "${p.cantiere}"` });
      }
    });
  });

export type ProgrammeFile = z.infer<typeof programmeFileSchema>;

/** `['cantieri', 3, 'projects', 0, 'id']` -> `cantieri[3].projects[0].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

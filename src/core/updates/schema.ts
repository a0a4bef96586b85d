import { z } from 'zod';
import type { Lang } from '../types.ts';

/** The statuses a project can be in, as stored (DESIGN.md "Progress update record"). */
export const UPDATE_STATUSES = ['not_started', 'on_track', 'at_risk', 'blocked', 'done'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const STATUS_LABELS: Record<UpdateStatus, Record<Lang, string>> = {
  not_started: { it: 'Non avviato', en: 'Not started' },
  on_track: { it: 'In linea', en: 'On track' },
  at_risk: { it: 'A rischio', en: 'At risk' },
  blocked: { it: 'Bloccato', en: 'Blocked' },
  done: { it: 'Completato', en: 'Done' },
};

export const SUMMARY_MAX = 2000;
export const TEXT_MAX = 1000;

/** Empty or blank text means "not said": stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null));

const isoDate = z.iso.date();

/**
 * THE update record: what a person says about a project. Forms, dialogs, message parsing (offline
 * and LLM), the CLI and storage all validate through this one schema. Project/author/time context
 * (cantiere, author, source) is added by the store.
 */
export const updateRecordSchema = z.object({
  /** Project id from the programme file. */
  project: z.string().trim().min(1),
  status: z.enum(UPDATE_STATUSES),
  /** Percentage complete, a whole number 0-100; null when not stated. */
  progress: z.number().int().min(0).max(100).nullable(),
  summary: z.string().trim().min(1).max(SUMMARY_MAX),
  next_steps: optionalText(TEXT_MAX),
  blockers: optionalText(TEXT_MAX),
  /** YYYY-MM-DD; null when there is no deadline. */
  due_date: isoDate.nullable(),
});

export type UpdateRecord = z.output<typeof updateRecordSchema>;
export type UpdateFieldId = keyof UpdateRecord;
export const UPDATE_FIELDS: readonly UpdateFieldId[] = ['project', 'status', 'progress', 'summary', 'next_steps', 'blockers', 'due_date'];

/**
 * What a plain message yields: the same record with every field allowed to be missing (null).
 * Derived from the one schema, so an LLM's structured output is checked by the same rules.
 */
export const parsedUpdateSchema = updateRecordSchema.extend({
  project: z.string().trim().min(1).nullable(),
  status: z.enum(UPDATE_STATUSES).nullable(),
  summary: optionalText(SUMMARY_MAX),
});
export type ParsedUpdate = z.output<typeof parsedUpdateSchema>;

export const EMPTY_PARSED: ParsedUpdate = {
  project: null,
  status: null,
  progress: null,
  summary: null,
  next_steps: null,
  blockers: null,
  due_date: null,
};

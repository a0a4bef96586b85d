import { z } from 'zod';
import { id, text } from '../../programme/fields.ts';

/**
 * An indicator as the programme file declares it (per cantiere or per project): what is measured,
 * which way is better, where it started and the targets it must reach by their dates.
 */

const isoDate = z.iso.date({ message: 'a date YYYY-MM-DD' });
const number = z.number({ message: 'a number' }).finite();

/** `name: "Comuni ..."` (one language) or `name: { it: ..., en: ... }`; both languages always end up filled. */
const bilingual = z
  .union([text, z.object({ it: text.optional(), en: text.optional() })], { message: 'a name, or { it, en }' })
  .transform((v) => (typeof v === 'string' ? { it: v, en: v } : { it: v.it ?? v.en ?? '', en: v.en ?? v.it ?? '' }))
  .refine((v) => v.it !== '' || v.en !== '', 'give at least one of it / en');

export const indicatorTargetSchema = z.object({ value: number, by: isoDate, note: z.string().trim().optional() });

export const indicatorSchema = z
  .object({
    id,
    name: bilingual,
    unit: z
      .union([z.string().trim(), z.object({ it: z.string().trim().optional(), en: z.string().trim().optional() })])
      .default('')
      .transform((v) => (typeof v === 'string' ? { it: v, en: v } : { it: v.it ?? v.en ?? '', en: v.en ?? v.it ?? '' })),
    direction: z.enum(['higher', 'lower'], { message: '"higher" or "lower" (which way is better)' }),
    baseline: z.object({ value: number, date: isoDate }),
    targets: z.array(indicatorTargetSchema).min(1, 'at least one target { value, by }'),
    source: z.string().trim().nullish().transform((v) => v || null),
    reported_by: z.string().trim().nullish().transform((v) => v || null),
    aliases: z.array(z.string().trim().min(1)).default([]),
  })
  .superRefine((ind, ctx) => {
    ind.targets.forEach((t, i) => {
      if (t.by <= ind.baseline.date) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'by'], message: `target date ${t.by} is not after the baseline date ${ind.baseline.date}` });
      }
      if (i > 0 && t.by <= ind.targets[i - 1].by) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'by'], message: 'targets must be in date order' });
      }
    });
  });

export type IndicatorInput = z.input<typeof indicatorSchema>;
export type IndicatorFileEntry = z.output<typeof indicatorSchema>;
export type Direction = IndicatorFileEntry['direction'];

export const indicatorListSchema = z.array(indicatorSchema).default([]);

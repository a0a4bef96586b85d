import { z } from 'zod';

/** Field rules shared by every section of the programme file. */

export const id = z
  .string({ message: 'required' })
  .trim()
  .min(1, 'required')
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash or underscore');
export const text = z.string({ message: 'required' }).trim().min(1, 'required');
export const optionalText = z.string().trim().nullish().transform((v) => (v ? v : null));

import { randomBytes } from 'node:crypto';

/** A short reference a person can quote; the same id is in the full log entry. */
export function newReference(): string {
  return `RG-${randomBytes(4).toString('hex').toUpperCase()}`;
}

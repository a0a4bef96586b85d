import type { DigestData, StaleItem } from '../digest/types.ts';
import type { Lang } from '../types.ts';

/**
 * What the core asks a channel to post proactively, as plain data. Each channel renders it in its
 * own format (Block Kit, Adaptive Cards, text); the core never sees those formats.
 */
export type OutboundMessage =
  | { kind: 'digest'; digest: DigestData }
  | { kind: 'reminder'; reminder: ReminderData }
  | { kind: 'update_saved'; update: UpdateAnnouncement }
  | NoticeMessage;

/**
 * How a channel renders core messages: one function per kind, so a new kind cannot be forgotten by
 * any channel (the compiler names the one that lacks it).
 */
export type OutboundRenderers<T> = { [K in OutboundMessage['kind']]: (message: Extract<OutboundMessage, { kind: K }>) => T };

export function renderWith<T>(renderers: OutboundRenderers<T>, message: OutboundMessage): T {
  return (renderers[message.kind] as (m: OutboundMessage) => T)(message);
}

/** A plain notice (e.g. a failure report to the admins). */
export interface NoticeMessage {
  kind: 'notice';
  text: string;
}

/** A team leader's reminder before the weekly digest: their projects that will show as stale. */
export interface ReminderData {
  lang: Lang;
  /** When the digest goes out, already formatted in the programme's language and time zone. */
  digestAt: string;
  staleAfterDays: number;
  stale: StaleItem[];
}

/** A progress update just saved, as announced in its cantiere's channel (in the programme's language). */
export interface UpdateAnnouncement {
  lang: Lang;
  author: { platform: string; userId: string; displayName: string };
  updateId: number;
  projectName: string;
  /** The update, one field a line. */
  text: string;
}

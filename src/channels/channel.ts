import type { Express } from 'express';

/**
 * A message to post proactively (digests, confirmations, reminders). Each channel uses its own
 * rendering when present and the plain text otherwise (and always as the notification text).
 */
export interface OutboundMessage {
  text: string;
  /** Slack Block Kit blocks. */
  slackBlocks?: unknown[];
  /** A Microsoft Teams Adaptive Card (the card JSON itself). */
  teamsCard?: Record<string, unknown>;
}

/** Where a proactive message goes: a channel/conversation id, or a user for a direct message. */
export type Destination = { conversationId: string } | { userId: string };

/** One platform the bot lives on. The HTTP ones share one Express server (see src/server.ts). */
export interface Channel {
  readonly platform: 'slack' | 'teams';
  /** Adds the platform's routes to the shared HTTP server. */
  mount(http: Express): void;
  /** Starts what runs beside HTTP (e.g. Slack Socket Mode). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** The state of the work it does after acknowledging (for /healthz). */
  work?(): { running: number; waiting: number; oldestRunningMs: number; oldestWaitingMs: number };
  /** Posts proactively; resolves to the platform's message reference, rejects when the post failed. */
  send(to: Destination, message: OutboundMessage): Promise<string>;
}

import type { Express } from 'express';
import type { OutboundChannel } from '../core/outbound/channel.ts';

/**
 * One platform the bot lives on: the core's outbound contract plus its place on the shared HTTP
 * server (see src/server.ts).
 */
export interface Channel extends OutboundChannel {
  /** Adds the platform's routes to the shared HTTP server. */
  mount(http: Express): void;
  /** Starts what runs beside HTTP (e.g. Slack Socket Mode). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

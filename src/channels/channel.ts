import type { Express } from 'express';
import type { OutboundChannel } from '../core/outbound/channel.ts';
import type { JobHandler } from '../jobs/queue/worker.ts';

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
  /** The work it queues after acknowledging (src/jobs/queue), by job kind: how each kind is done. */
  jobs?: Record<string, JobHandler>;
}

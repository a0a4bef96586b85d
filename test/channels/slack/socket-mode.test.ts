import express from 'express';
import { expect, test } from 'vitest';
import pino from 'pino';
import type { AppContext } from '../../../src/app.ts';
import { createSlackChannel } from '../../../src/channels/slack/index.ts';
import { loadConfig } from '../../../src/config.ts';

test('with SLACK_APP_TOKEN the channel uses Socket Mode: nothing is mounted on the HTTP server, and nothing connects before start()', async () => {
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-socket', SLACK_APP_TOKEN: 'xapp-1-socket', REGIA_DEMO: 'off' }, { dotenv: false });
  const app = { config, log: pino({ level: 'silent' }), db: {} as AppContext['db'], programme: async () => null, close: async () => {} } as AppContext;
  const channel = createSlackChannel(app);
  const http = express();
  channel.mount(http);
  const server = http.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  } finally {
    server.close();
  }
});

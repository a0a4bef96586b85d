/**
 * One Regia service process for the multi-replica digest tests: what `regia serve` runs (the
 * configured channels and the digest job on one server), on PORT 0, printing its port on stdout.
 * REGIA_TEST_SEND_DELAY_MS slows each proactive post down so a test can kill a replica mid-way.
 */
import { openApp } from '../../src/app.ts';
import { buildChannels } from '../../src/channels/index.ts';
import { loadConfig } from '../../src/config.ts';
import { digestJob } from '../../src/jobs/digest-job.ts';
import { startServer } from '../../src/server.ts';

const app = await openApp(loadConfig());
const channels = await buildChannels(app);
const delay = Number(process.env.REGIA_TEST_SEND_DELAY_MS ?? 0);
if (delay > 0) {
  for (const c of channels) {
    const send = c.send.bind(c);
    c.send = async (to, message) => {
      await new Promise((r) => setTimeout(r, delay));
      return send(to, message);
    };
  }
}
const server = await startServer(app, channels, [digestJob], 0);
process.stdout.write(`${JSON.stringify({ port: server.port, pid: process.pid })}\n`);
const stop = async () => {
  await server.close();
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

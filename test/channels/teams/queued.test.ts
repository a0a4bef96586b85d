import { afterEach, beforeEach, expect, test } from 'vitest';
import type { AppContext } from '../../../src/app.ts';
import { createTeamsChannel } from '../../../src/channels/teams/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { createLogger } from '../../../src/log.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { readProgramme } from '../../../src/programme/model.ts';
import { startServer, type RunningServer } from '../../../src/server.ts';
import { describeEachEngine } from '../../support/db.ts';
import { messageActivity, postActivity, queueSettled, startFakeConnector, type FakeConnector } from '../../support/teams-connector.ts';

/**
 * Teams messages go through the durable queue: the 200 Teams gets means the message is stored as
 * a job (claimed once), and a worker, in this process or another, answers it in its conversation.
 */
describeEachEngine('Teams messages through the durable queue', (s) => {
  let connector: FakeConnector;
  const servers: RunningServer[] = [];
  let app: AppContext;

  const serve = async (role: 'web' | 'worker' | 'all') => {
    const server = await startServer(app, [createTeamsChannel(app)], [], 0, role);
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  };
  const open = async () => Number((await s.db.query(`SELECT count(*) AS n FROM jobs WHERE kind = 'teams.message' AND state IN ('queued', 'running')`))[0].n);

  beforeEach(async () => {
    connector = await startFakeConnector();
    const config = loadConfig({ LOG_LEVEL: 'silent', REGIA_DEMO: 'off' }, { dotenv: false });
    app = { config, log: createLogger('silent'), db: s.db, programme: () => readProgramme(s.db), close: async () => {} };
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    await connector.close();
  });

  test('acknowledged by a web replica with no worker: stored once (redelivery too), answered once by a worker started later', async () => {
    const web = await serve('web');
    const activity = messageActivity('chi coordina il cantiere 8?', { serviceUrl: connector.serviceUrl, id: 'q-durable' });
    expect((await postActivity(web, activity, undefined, { settle: false })).status).toBe(200);
    expect((await postActivity(web, activity, undefined, { settle: false })).status).toBe(200);
    expect(await open()).toBe(1);
    expect(connector.activities).toEqual([]);
    const worker = await serve('worker');
    await queueSettled(worker);
    const answers = connector.activities.filter((a) => a.activity.type === 'message');
    expect(answers).toHaveLength(1);
    // Sent into the question's own conversation, as a reply to it, like an answer given in the turn.
    expect(answers[0].conversationId).toBe('a:personal-chat-1');
    expect(answers[0].activityId).toBe('q-durable');
    expect(answers[0].activity.attachments?.[0]?.content?.type).toBe('AdaptiveCard');
  });

  test('a message that cannot be answered after every attempt: the person is told, with a reference', async () => {
    const base = await serve('all');
    // 403 is not retried by botbuilder's pipeline: each attempt of the job fails at its first send.
    connector.failNext(3, 403);
    await postActivity(base, messageActivity('chi coordina il cantiere 8?', { serviceUrl: connector.serviceUrl }), undefined, { settle: false });
    const [notice] = await connector.waitFor(1, (a) => a.activity.type === 'message', 30_000);
    expect(notice.activity.text).toMatch(/riferimento a chi gestisce Regia: RG-[0-9A-F]{8}/);
    await queueSettled(base);
    const [job] = await s.db.query(`SELECT state, attempts FROM jobs WHERE kind = 'teams.message'`);
    expect(job).toMatchObject({ state: 'failed', attempts: 3 });
  }, 60_000);
});

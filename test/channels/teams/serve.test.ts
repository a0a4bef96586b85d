import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../support/db.ts';
import { startServeProcess, type ServeProcess } from '../../support/serve.ts';
import { messageActivity, postActivity, startFakeConnector, type FakeConnector } from '../../support/teams-connector.ts';

for (const engine of testEngines()) {
  describe(`regia serve with no Teams configuration [${engine}]`, () => {
    let connector: FakeConnector;
    let db: TestDatabase;
    let service: ServeProcess;

    beforeAll(async () => {
      connector = await startFakeConnector();
      db = await createTestDatabase(engine);
      // No Slack, Teams or OpenAI configuration: only the database, the demo and the log level.
      service = await startServeProcess({ ...db.env, LOG_LEVEL: 'info', REGIA_DEMO: 'auto' });
    }, 120_000);

    afterAll(async () => {
      await service?.stop();
      await connector?.close();
      await db?.destroy();
    }, 30_000);

    test('warns that /api/messages is open, and answers "chi coordina il cantiere 8?" naming the team leader', async () => {
      expect(service.stderr()).toMatch(/MicrosoftAppId is not set/);
      const res = await postActivity(service.baseUrl, messageActivity('chi coordina il cantiere 8?', { serviceUrl: connector.serviceUrl }));
      expect(res.status).toBe(200);
      const [reply] = await connector.waitFor(1, (a) => a.activity.type === 'message');
      expect(reply.conversationId).toBe('a:personal-chat-1');
      expect(JSON.stringify(reply.activity)).toContain('Nicolò Dossena');
    }, 60_000);
  });
}

import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Db } from '../../db/client.ts';
import { DEMO_PROGRAMME } from '../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import type { AppContext } from '../../src/app.ts';
import { createTeamsChannel } from '../../src/channels/teams/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { startFakeConnector, type FakeConnector } from './teams-connector.ts';

export interface TeamsTestServer {
  app: AppContext;
  server: RunningServer;
  connector: FakeConnector;
  /** The server's base URL (`/api/messages`, `/board`). */
  base: string;
  close(): Promise<void>;
}

/** `regia serve` with the Teams channel only, on a test database, and a fake Bot Connector. */
export async function startTeamsTestServer(db: Db): Promise<TeamsTestServer> {
  const connector = await startFakeConnector();
  const config = loadConfig({ LOG_LEVEL: 'silent', REGIA_DEMO: 'off' }, { dotenv: false });
  const app: AppContext = { config, log: createLogger('silent'), db, programme: () => readProgramme(db), close: async () => {} };
  const server = await startServer(app, [createTeamsChannel(app)], [], 0);
  return {
    app,
    server,
    connector,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await connector.close();
    },
  };
}

/**
 * Registers the usual hooks of a Teams channel suite: one server and connector for the suite; before
 * each test the demo programme (re)loaded and the connector's activities cleared. The fields are
 * filled when the suite starts.
 */
export function teamsServerFixture(s: { db: Db }): TeamsTestServer {
  const f = {} as TeamsTestServer;
  beforeAll(async () => {
    Object.assign(f, await startTeamsTestServer(s.db));
  }, 30_000);
  afterAll(async () => f.close?.());
  beforeEach(async () => {
    f.connector.activities.length = 0;
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
  });
  return f;
}

import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { describeEachEngine } from '../../support/db.ts';
import { messageActivity, postActivity, type FakeConnector } from '../../support/teams-connector.ts';
import { startTeamsTestServer, type TeamsTestServer } from '../../support/teams-server.ts';

const messages = (c: FakeConnector) => c.activities.filter((a) => a.activity.type === 'message');

describeEachEngine('Teams: the report from chat', (s) => {
  let t: TeamsTestServer;
  let connector: FakeConnector;
  let base: string;

  beforeAll(async () => {
    t = await startTeamsTestServer(s.db);
    ({ connector, base } = t);
  }, 30_000);
  afterAll(async () => t?.close());
  beforeEach(async () => {
    connector.activities.length = 0;
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
  });
  const o = () => ({ serviceUrl: connector.serviceUrl });

  test('an admin gets a signed link to the report as a PDF; the link without its signature gets nothing', async () => {
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'admin')`);
    await postActivity(base, messageActivity('rapporto', o()));
    const reply = messages(connector).at(-1)!.activity.text as string;
    expect(reply).toMatch(/^Rapporto di monitoraggio per il Comitato \(PDF\): \S+\/board\/report\.pdf\?t=\S+\nIl link è valido fino al /);
    // The link names the public address; the test server stands in for it.
    const url = new URL(/(\S+\/board\/report\.pdf\?t=\S+)/.exec(reply)![1]);
    const res = await fetch(`${base}${url.pathname}${url.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(`${base}${url.pathname}`)).status).toBe(401);
    expect((await fetch(`${base}${url.pathname}?t=${url.searchParams.get('t')}x`)).status).toBe(403);
  }, 120_000);

  test('anyone else is told the report is for admins', async () => {
    await postActivity(base, messageActivity('report', o()));
    // One word tells no language: the chat's locale (it-IT) decides.
    expect(messages(connector).at(-1)!.activity.text).toBe('Il rapporto per il Comitato è riservato agli amministratori del programma.');
  });
});

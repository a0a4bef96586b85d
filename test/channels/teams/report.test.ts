import { expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { messageActivity, postActivity, type FakeConnector } from '../../support/teams-connector.ts';
import { teamsServerFixture } from '../../support/teams-server.ts';

const messages = (c: FakeConnector) => c.activities.filter((a) => a.activity.type === 'message');

describeEachEngine('Teams: the report from chat', (s) => {
  const f = teamsServerFixture(s);
  const o = () => ({ serviceUrl: f.connector.serviceUrl });

  test('an admin gets a signed link to the report as a PDF; the link without its signature gets nothing', async () => {
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'admin')`);
    await postActivity(f.base, messageActivity('rapporto', o()));
    const reply = messages(f.connector).at(-1)!.activity.text as string;
    expect(reply).toMatch(/^Rapporto di monitoraggio per il Comitato \(PDF\): \S+\/board\/report\.pdf\?t=\S+\nIl link è valido fino al /);
    // The link names the public address; the test server stands in for it.
    const url = new URL(/(\S+\/board\/report\.pdf\?t=\S+)/.exec(reply)![1]);
    const res = await fetch(`${f.base}${url.pathname}${url.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(`${f.base}${url.pathname}`)).status).toBe(401);
    expect((await fetch(`${f.base}${url.pathname}?t=${url.searchParams.get('t')}x`)).status).toBe(403);
  }, 120_000);

  test('anyone else is told the report is for admins', async () => {
    await postActivity(f.base, messageActivity('report', o()));
    // One word tells no language: the chat's locale (it-IT) decides.
    expect(messages(f.connector).at(-1)!.activity.text).toBe('Il rapporto per il Comitato è riservato agli amministratori del programma.');
  });
});

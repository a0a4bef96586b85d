import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { AppContext } from '../../../src/app.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import type { RunningServer } from '../../../src/server.ts';
import { describeEachEngine } from '../../support/db.ts';
import { send, slashCommand, startSlackServer, testApp } from '../../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../../support/slack-sim.ts';

const C4 = 'C0000000004';
const ADMIN = 'U0000ADMIN';

describeEachEngine('Slack: /regia report', (s) => {
  let sim: SlackSimulator;
  let app: AppContext;
  let server: RunningServer;
  let baseUrl: string;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    ({ app } = testApp(s.db));
    ({ server, baseUrl } = await startSlackServer(app, sim));
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
    sim.reset();
  });

  test('an admin gets the PDF report in their DM through files.uploadV2', async () => {
    await send(baseUrl, slashCommand(sim, { text: 'rapporto', user: ADMIN, channel: C4 }));
    const answer = await sim.waitFor((c) => c.method === 'response_url', 120_000);
    expect(answer.body.text).toBe('Ti ho inviato il rapporto in privato.');
    const [open] = sim.callsTo('conversations.open');
    expect(open.body.users).toBe(ADMIN);
    const [announce] = sim.callsTo('files.getUploadURLExternal');
    expect(announce.body.filename).toMatch(/^regia-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const [upload] = sim.callsTo('file_upload');
    expect(upload.body.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(announce.body.length)).toBe(upload.body.bytes.length);
    const [share] = sim.callsTo('files.completeUploadExternal');
    expect(share.body.channel_id).toBe('D0000ADMIN');
    expect(share.body.initial_comment).toContain('rapporto di monitoraggio');
  }, 180_000);

  test('anyone else is told it is for admins, and nothing is uploaded', async () => {
    await send(baseUrl, slashCommand(sim, { text: 'report', user: 'U0SOMEBODY', channel: C4 }));
    const answer = await sim.waitFor((c) => c.method === 'response_url');
    expect(answer.body.text).toBe("The steering committee's report is for the programme's administrators only.");
    expect(sim.calls.filter((c) => c.method.startsWith('files.') || c.method === 'file_upload')).toEqual([]);
  });
});

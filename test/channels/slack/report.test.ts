import { expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { send, slashCommand, slackServerFixture } from '../../support/slack-harness.ts';

const C4 = 'C0000000004';
const ADMIN = 'U0000ADMIN';

describeEachEngine('Slack: /regia report', (s) => {
  const f = slackServerFixture(s);

  test('an admin gets the PDF report in their DM through files.uploadV2', async () => {
    await send(f.baseUrl, slashCommand(f.sim, { text: 'rapporto', user: ADMIN, channel: C4 }));
    const answer = await f.sim.waitFor((c) => c.method === 'response_url', 120_000);
    expect(answer.body.text).toBe('Ti ho inviato il rapporto in privato.');
    const [open] = f.sim.callsTo('conversations.open');
    expect(open.body.users).toBe(ADMIN);
    const [announce] = f.sim.callsTo('files.getUploadURLExternal');
    expect(announce.body.filename).toMatch(/^regia-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const [upload] = f.sim.callsTo('file_upload');
    expect(upload.body.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(announce.body.length)).toBe(upload.body.bytes.length);
    const [share] = f.sim.callsTo('files.completeUploadExternal');
    expect(share.body.channel_id).toBe('D0000ADMIN');
    expect(share.body.initial_comment).toContain('rapporto di monitoraggio');
  }, 180_000);

  test('anyone else is told it is for admins, and nothing is uploaded', async () => {
    await send(f.baseUrl, slashCommand(f.sim, { text: 'report', user: 'U0SOMEBODY', channel: C4 }));
    const answer = await f.sim.waitFor((c) => c.method === 'response_url');
    expect(answer.body.text).toBe("The steering committee's report is for the programme's administrators only.");
    expect(f.sim.calls.filter((c) => c.method.startsWith('files.') || c.method === 'file_upload')).toEqual([]);
  });
});

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import { saveUpdate } from '../../../src/core/updates/store.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { parseProgrammeFile } from '../../../src/programme/load.ts';
import { describeEachEngine } from '../../support/db.ts';
import { expectLiteralOnSlack, INJECTED } from '../../support/injection.ts';
import { blockAction, eventEnvelope, mentionEvent, newTs, send, slashCommand, slackServerFixture } from '../../support/slack-harness.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const C4 = 'C0000000004';
const ADMIN = 'U0000ADMIN';

/** The demo programme with the ZLS project named with the injected text (a name an admin could type). */
function programmeWithInjectedName() {
  const programme = parseProgrammeFile(DEMO_PROGRAMME);
  const zls = programme.cantieri.flatMap((c) => c.projects).find((p) => p.id === 'zls')!;
  zls.name = `Zona Logistica ${INJECTED}`;
  return programme;
}

describeEachEngine('Slack: text from people, documents and models stays literal', (s) => {
  const f = slackServerFixture(s, { programme: () => programmeWithInjectedName() });

  test('an update summary and a document sentence come back escaped in answers', async () => {
    await ingestPaths(f.app, [join(FIXTURES, 'rete-fibra.md')]);
    await saveUpdate(
      f.app,
      { project: 'zls', status: 'at_risk', progress: 40, summary: `Protocollo firmato con ${INJECTED}`, next_steps: null, blockers: null, due_date: null },
      { platform: 'slack', userId: ADMIN, displayName: 'Segreteria ATS' },
      { source: 'form' },
    );
    for (const question of ['a che punto è la ZLS?', `chi gestisce la rete in fibra dei comuni cremaschi? ${INJECTED}`]) {
      const ts = newTs();
      await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: ADMIN, text: question, ts })));
      const answer = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
      expectLiteralOnSlack(answer.body);
    }
  });

  test('a preview, its confirmation in the cantiere channel and the /regia echoes keep the text literal', async () => {
    const ts = newTs();
    await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: ADMIN, text: `update ZLS: in linea, firmato con ${INJECTED}, siamo al 40%`, ts })));
    const preview = await f.sim.waitFor((c) => c.method === 'chat.postEphemeral');
    expectLiteralOnSlack(preview.body);
    const previewId = (preview.body.blocks as any[]).find((b) => b.type === 'actions').elements[0].value;
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: C4, actionId: 'update_preview_save', value: previewId }));
    const confirmation = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === C4);
    expectLiteralOnSlack(confirmation.body);
    // The author is mentioned by Regia itself: that one stays a live mention.
    expect(confirmation.body.text).toContain(`<@${ADMIN}>`);

    await f.sim.waitFor((c) => c.method === 'response_url' && /✅/.test(c.body.text));
    f.sim.reset();
    const ack = await send(f.baseUrl, slashCommand(f.sim, { text: `update ${INJECTED}`, user: ADMIN, channel: C4 }));
    expectLiteralOnSlack(ack.json as Record<string, any>);
    await send(f.baseUrl, slashCommand(f.sim, { text: `status ${INJECTED}`, user: ADMIN, channel: C4 }));
    expectLiteralOnSlack((await f.sim.waitFor((c) => c.method === 'response_url')).body);
  });

  test('App Home shows a project name with markup as text', async () => {
    await send(f.baseUrl, eventEnvelope({ type: 'app_home_opened', user: ADMIN, channel: 'D0000ADMIN', tab: 'home', event_ts: newTs() }));
    const publish = await f.sim.waitFor((c) => c.method === 'views.publish');
    expectLiteralOnSlack(publish.body);
  });
});

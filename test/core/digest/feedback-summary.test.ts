import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import type { AppContext } from '../../../src/app.ts';
import { createSlackChannel } from '../../../src/channels/slack/index.ts';
import { ask } from '../../../src/core/answer/ask.ts';
import { recordAnswer } from '../../../src/core/answer/record.ts';
import { recordFeedback, recordFeedbackComment } from '../../../src/core/chat/feedback.ts';
import { buildFeedbackSummary, sendFeedbackSummaries } from '../../../src/core/digest/feedback.ts';
import { isoWeekOf } from '../../../src/core/digest/week.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { describeEachEngine } from '../../support/db.ts';
import { testApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../../support/slack-sim.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'channels', 'slack', 'fixtures');
const ADMIN = 'U0000ADMIN'; // the admin of the demo programme

describeEachEngine("The admins' weekly feedback summary", (s) => {
  let sim: SlackSimulator;
  let app: AppContext;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    ({ app } = testApp(s.db));
  });
  afterAll(() => sim?.close());
  beforeEach(async () => {
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
    await ingestPaths(app, [join(FIXTURES, 'zls-note.md')]);
    sim.reset();
  });

  /** Asks as a channel does: the answer is given and stored. */
  async function asked(question: string, user: string): Promise<number> {
    const answer = await ask(app, { question });
    return recordAnswer(app, { platform: 'slack', conversationId: 'C0000000004', userId: user, question, answer, latencyMs: 1 });
  }

  test('lists the questions marked wrong (with what people said) and the ones Regia abstained on, once per admin and week', async () => {
    const wrong = await asked('What is the Zona Logistica Semplificata?', 'U1');
    const liked = await asked('Who coordinates the working group of the river port?', 'U2');
    await recordFeedback(s.db, wrong, 'slack', 'U1', -1);
    await recordFeedbackComment(s.db, wrong, 'slack', 'U1', 'It does not say who pays for it.');
    await recordFeedback(s.db, liked, 'slack', 'U2', 1);
    for (const u of ['U3', 'U4']) await asked('How many tonnes of freight did the river port move in 2019?', u);
    const abstainedLiked = (await s.db.query(`SELECT abstained FROM answers WHERE id = $1`, [liked]))[0].abstained;

    const programme = (await app.programme())!;
    const week = isoWeekOf(new Date(), programme.timezone);
    const summary = await buildFeedbackSummary(app, programme, week);
    expect(summary.wrong.map((w) => w.question)).toEqual(['What is the Zona Logistica Semplificata?']);
    expect(summary.wrong[0].comments).toEqual(['It does not say who pays for it.']);
    expect(summary.abstained[0]).toEqual({ question: 'How many tonnes of freight did the river port move in 2019?', times: 2 });
    expect(summary.abstained.map((a) => a.question)).toEqual([
      'How many tonnes of freight did the river port move in 2019?',
      ...(abstainedLiked ? ['Who coordinates the working group of the river port?'] : []),
    ]);

    const slack = createSlackChannel(app, { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: sim.url });
    const sent = await sendFeedbackSummaries(app, [slack], programme, { week });
    expect(sent.map((o) => [o.userId, o.delivery.result])).toEqual([[ADMIN, 'posted']]);
    const dm = sim.callsTo('chat.postMessage');
    expect(dm).toHaveLength(1);
    expect(dm[0].body.channel).toBe(ADMIN);
    expect(dm[0].body.text).toContain('What is the Zona Logistica Semplificata?');
    expect(dm[0].body.text).toContain('It does not say who pays for it.');
    expect(dm[0].body.text).toContain('How many tonnes of freight did the river port move in 2019?');
    // Once per admin and week.
    expect(await sendFeedbackSummaries(app, [slack], programme, { week })).toEqual([]);
    expect(sim.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

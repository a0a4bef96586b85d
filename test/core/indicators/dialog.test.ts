import { expect, test } from 'vitest';
import { respond } from '../../../src/core/assistant.ts';
import { listIndicatorValues } from '../../../src/core/indicators/store.ts';
import { describeEachEngine } from '../../support/db.ts';
import { demoApp, leader, member, NOW } from './fixtures.ts';

describeEachEngine('indicator values from chat messages', (s) => {
  const setup = () => demoApp(s.db);

  test('a value in a message is previewed, saved only on "save", with the message it came from', async () => {
    const app = await setup();
    const say = (text: string, actor = leader) => respond(app, { actor, conversationId: 'D1', text, now: NOW });
    const preview = await say('broadband: the count is now at 92 municipalities');
    expect(preview.kind).toBe('dialog');
    expect((preview as { text: string }).text).toMatch(/Indicator: Municipalities reached by ultra-fast broadband\nValue: 92 municipalities\nMeasured on: 20 November 2026/);
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
    const saved = await say('save');
    expect((saved as { text: string }).text).toMatch(/Logged: Municipalities reached by ultra-fast broadband = 92 municipalities/);
    const [v] = await listIndicatorValues(s.db);
    expect(v).toMatchObject({ indicatorId: 'comuni-banda-ultralarga', value: 92, measuredOn: '2026-11-20', origin: 'message', sourceText: 'broadband: the count is now at 92 municipalities', author: { userId: 'U0000000008' } });
    // "annulla" drops a pending value.
    await say('@regia update Hub Dati: 104 dataset pubblicati a ottobre');
    expect((await say('annulla')) as { text: string }).toMatchObject({ text: 'Valore annullato: non ho salvato nulla.' });
    expect(await listIndicatorValues(s.db)).toHaveLength(1);
  });

  test('a member is refused before any preview; a progress update is still an update', async () => {
    const app = await setup();
    const refused = await respond(app, { actor: member, conversationId: 'D2', text: 'banda ultra larga: 93 comuni', now: NOW });
    expect(refused).toMatchObject({ kind: 'refused' });
    expect((refused as { text: string }).text).toMatch(/Non puoi registrare aggiornamenti per «Comuni raggiunti dalla banda ultra larga»/);
    const update = await respond(app, { actor: leader, conversationId: 'D3', text: '@regia update Hub Dati: siamo al 70%, cruscotti pubblicati', now: NOW });
    expect(JSON.stringify(update)).not.toMatch(/Indicatore:|Indicator:/);
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
  });
});

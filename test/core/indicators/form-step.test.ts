import { expect, test } from 'vitest';
import { respond } from '../../../src/core/assistant.ts';
import { buildIndicatorStep, saveIndicatorStep } from '../../../src/core/indicators/form-step.ts';
import { listIndicatorValues } from '../../../src/core/indicators/store.ts';
import { describeEachEngine } from '../../support/db.ts';
import { demoApp, leader, member, NOW } from './fixtures.ts';

describeEachEngine("the update form's indicators step", (s) => {
  const setup = () => demoApp(s.db);

  test("lists the project's indicators its author may log, with the latest value and the target", async () => {
    const app = await setup();
    const step = await buildIndicatorStep(app, leader, 'hub-dati', 'en');
    expect(step?.id).toBe('indicator_values');
    expect(step?.fields.map((f) => [f.id, f.kind, f.required, f.decimal])).toEqual([['dataset-hub-dati', 'number', false, true]]);
    expect(step?.fields[0].label).toBe('Open datasets published on the Data Hub (datasets)');
    expect(step?.fields[0].hint).toBe('baseline 12 datasets on 30 November 2025 · target 120 datasets by 31 December 2026');
    expect(step?.fields[0].labels.it).toBe("Dataset aperti pubblicati sull'Hub Dati (dataset)");
    // No indicators of its own (cantiere indicators are logged on their own), or nobody's to log: no step.
    expect(await buildIndicatorStep(app, leader, 'digital-center', 'en')).toBeNull();
    expect(await buildIndicatorStep(app, member, 'hub-dati', 'en')).toBeNull();
    expect(await buildIndicatorStep(app, leader, 'no-such-project', 'en')).toBeNull();
  });

  test('saves the figures entered, once, appended and measured today; a bad figure saves nothing', async () => {
    const app = await setup();
    const step = (await buildIndicatorStep(app, leader, 'hub-dati', 'it'))!;
    const req = { actor: leader, lang: 'it' as const, sourceRef: 'test:view:1', onceKey: 'view:1', now: NOW };
    const bad = await saveIndicatorStep(app, step, { ...req, values: { 'dataset-hub-dati': 'circa cento' } });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', errors: { 'dataset-hub-dati': expect.stringMatching(/«circa cento» non è un numero/) } });
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
    const none = await saveIndicatorStep(app, step, { ...req, values: { 'dataset-hub-dati': ' ' } });
    expect(none).toMatchObject({ ok: true, saved: [] });
    const ok = await saveIndicatorStep(app, step, { ...req, values: { 'dataset-hub-dati': '1.450' } });
    expect(ok.ok && ok.text).toMatch(/^Valore registrato: Dataset aperti pubblicati sull'Hub Dati: 1\.450 dataset \(#\d+\)\.$/);
    expect(await saveIndicatorStep(app, step, { ...req, values: { 'dataset-hub-dati': '1.450' } })).toEqual({ ok: false, reason: 'duplicate' });
    const values = await listIndicatorValues(s.db);
    expect(values).toHaveLength(1);
    expect(values[0]).toMatchObject({ indicatorId: 'dataset-hub-dati', value: 1450, measuredOn: '2026-11-20', origin: 'form', sourceRef: 'test:view:1', author: { userId: leader.userId } });
    // A value entered on the form later is a new entry: nothing is overwritten.
    await saveIndicatorStep(app, step, { ...req, onceKey: 'view:2', values: { 'dataset-hub-dati': '1460' } });
    expect((await listIndicatorValues(s.db)).map((v) => v.value)).toEqual([1450, 1460]);
  });

  test('the same step reached by someone who may not log it refuses every field', async () => {
    const app = await setup();
    const step = (await buildIndicatorStep(app, leader, 'hub-dati', 'en'))!;
    const refused = await saveIndicatorStep(app, step, { actor: member, lang: 'en', values: { 'dataset-hub-dati': '130' }, sourceRef: 'x', onceKey: 'x', now: NOW });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid', errors: { 'dataset-hub-dati': expect.stringMatching(/may not|cannot|can't/i) } });
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
  });

  test('the text dialog, which has no form, says after saving how to log the indicators, and that way works', async () => {
    const app = await setup();
    const say = (text: string) => respond(app, { actor: leader, conversationId: 'D9', text, now: NOW });
    await say('@regia update Hub Dati: on track, dashboards published, 70%');
    const saved = (await say('save')) as { text: string };
    expect(saved.text).toMatch(/You can also log the values of the project's indicators \(Open datasets published on the Data Hub\): write for example "Open datasets published on the Data Hub: 92"/);
    await say('Open datasets published on the Data Hub: 131');
    await say('save');
    expect((await listIndicatorValues(s.db)).map((v) => [v.indicatorId, v.value, v.origin])).toEqual([['dataset-hub-dati', 131, 'message']]);
  });
});

import { expect, test } from 'vitest';
import { listIndicatorValues } from '../../../src/core/indicators/store.ts';
import { describeEachEngine } from '../../support/db.ts';
import { send, slashCommand, slackServerFixture, viewSubmission } from '../../support/slack-harness.ts';

const LEADER = 'U0000000008'; // Nicolò Dossena, team leader of cantiere 8 (project hub-dati, one indicator)
const MEMBER = 'U0SOMEBODY';
const C8 = 'C0000000008';

describeEachEngine("Slack: the update form's indicators step", (s) => {
  const f = slackServerFixture(s);

  const updateValues = (project: string) => ({
    project: { project: { type: 'static_select', selected_option: { value: project } } },
    status: { status: { type: 'radio_buttons', selected_option: { value: 'on_track' } } },
    progress: { progress: { type: 'number_input', value: '70' } },
    summary: { summary: { type: 'plain_text_input', value: 'Dashboards published.' } },
  });
  const figure = (value: string | null) => ({ 'dataset-hub-dati': { 'dataset-hub-dati': { type: 'number_input', value } } });

  /** The leader submits the update form for hub-dati; the modal turns into the indicators step. */
  async function submitUpdate(): Promise<Record<string, any>> {
    await send(f.baseUrl, slashCommand(f.sim, { text: 'update hub-dati', user: LEADER, channel: C8 }));
    const form = (await f.sim.waitFor((c) => c.method === 'views.open')).body.view;
    const res = await send(f.baseUrl, viewSubmission({ user: LEADER, view: form, values: updateValues('hub-dati') }));
    expect(res.json?.response_action).toBe('update');
    return res.json.view;
  }

  test('a saved update turns the modal into the optional step; its figures are logged once, with the update confirmed by DM', async () => {
    const step = await submitUpdate();
    expect(step.callback_id).toBe('indicator_values_modal');
    expect(step.close.text).toBe('Skip');
    expect(step.blocks[0].text.text).toMatch(/^Update sent: the confirmation comes in a direct message\. Would you also log today's values of Hub Dati Provinciale's indicators\?/);
    const input = step.blocks[1];
    expect(input).toMatchObject({ block_id: 'dataset-hub-dati', optional: true, element: { type: 'number_input', is_decimal_allowed: true } });
    expect(input.label.text).toBe('Open datasets published on the Data Hub (datasets)');
    expect(input.hint.text).toMatch(/baseline 12 datasets on 30 November 2025 · target 120 datasets by 31 December 2026/);
    await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === LEADER && /C0000000008/.test(String(c.body.text)));
    expect(await s.db.query(`SELECT project_id FROM updates`)).toEqual([{ project_id: 'hub-dati' }]);

    // A figure that is not a number goes back on its field; nothing is logged.
    const viewId = 'VSTEP1';
    const bad = await send(f.baseUrl, viewSubmission({ user: LEADER, view: { ...step, id: viewId }, values: figure('lots') }));
    expect(bad.json).toEqual({ response_action: 'errors', errors: { 'dataset-hub-dati': expect.stringMatching(/"lots" is not a number/) } });
    expect(await listIndicatorValues(s.db)).toHaveLength(0);

    const ok = await send(f.baseUrl, viewSubmission({ user: LEADER, view: { ...step, id: viewId }, values: figure('131') }));
    expect(ok.json?.response_action).toBeUndefined();
    const dm = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === LEADER && /Value logged/.test(String(c.body.text)));
    expect(dm.body.text).toMatch(/Open datasets published on the Data Hub: 131 datasets \(#\d+\)/);
    // The same step submitted again logs nothing more.
    await send(f.baseUrl, viewSubmission({ user: LEADER, view: { ...step, id: viewId }, values: figure('131') }));
    const values = await listIndicatorValues(s.db);
    expect(values.map((v) => [v.indicatorId, v.value, v.origin, v.author.userId])).toEqual([['dataset-hub-dati', 131, 'form', LEADER]]);
  });

  test('a step view submitted by someone who may not log the project saves nothing, whatever it carries', async () => {
    const step = await submitUpdate();
    const res = await send(f.baseUrl, viewSubmission({ user: MEMBER, view: { ...step, id: 'VSTEP2' }, values: figure('999') }));
    expect(res.status).toBe(200);
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
  });

  test('a project without indicators of its own closes the form as before', async () => {
    await send(f.baseUrl, slashCommand(f.sim, { text: 'update digital-center', user: LEADER, channel: C8 }));
    const form = (await f.sim.waitFor((c) => c.method === 'views.open')).body.view;
    const res = await send(f.baseUrl, viewSubmission({ user: LEADER, view: form, values: updateValues('digital-center') }));
    expect(res.json?.response_action).toBeUndefined();
  });
});

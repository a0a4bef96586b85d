import { expect, test } from 'vitest';
import { listIndicatorValues } from '../../../src/core/indicators/store.ts';
import { describeEachEngine } from '../../support/db.ts';
import { executeActivity, postActivity } from '../../support/teams-connector.ts';
import { teamsServerFixture } from '../../support/teams-server.ts';

const texts = (card: any): string[] => (card.body as any[]).filter((e) => e.type === 'TextBlock').map((e) => e.text);

describeEachEngine("Teams: the update card's indicators step", (s) => {
  const f = teamsServerFixture(s);
  const o = (replyToId: string) => ({ serviceUrl: f.connector.serviceUrl, replyToId });
  const leader = () => s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'team_leader', 'c8')`);
  const update = (project: string) => ({ lang: 'en', project, status: 'on_track', progress: '70', summary: 'Dashboards published' });

  test("a saved update's card becomes the step; its figures are logged once, a bad one is shown under its field", async () => {
    await leader();
    const saved = await postActivity(f.base, executeActivity('regia.update.submit', update('hub-dati'), o('card-1')));
    const step = saved.body.value;
    expect(texts(step).slice(0, 3)).toEqual([
      'Project indicators',
      '✅ Update saved',
      "Would you also log today's values of Hub Dati Provinciale's indicators? Optional: leave blank what has not changed.",
    ]);
    expect(step.body.find((e: any) => e.id === 'dataset-hub-dati')).toMatchObject({ type: 'Input.Number', label: 'Open datasets published on the Data Hub (datasets)', isRequired: false });
    const submit = step.actions.find((a: any) => a.verb === 'regia.indicators.submit');
    expect(submit.data).toMatchObject({ lang: 'en', stepProject: 'hub-dati' });
    expect(await s.db.query(`SELECT project_id FROM updates`)).toEqual([{ project_id: 'hub-dati' }]);

    const bad = await postActivity(f.base, executeActivity('regia.indicators.submit', { ...submit.data, 'dataset-hub-dati': 'many' }, o('card-1')));
    const fields = bad.body.value.body as any[];
    const i = fields.findIndex((e) => e.id === 'dataset-hub-dati');
    expect(fields[i].value).toBeUndefined();
    expect(fields[i + 1]).toMatchObject({ color: 'attention', text: expect.stringMatching(/"many" is not a number/) });
    expect(await listIndicatorValues(s.db)).toHaveLength(0);

    const ok = await postActivity(f.base, executeActivity('regia.indicators.submit', { ...submit.data, 'dataset-hub-dati': '131' }, o('card-1')));
    expect(texts(ok.body.value)[0]).toMatch(/^✅ Value logged: Open datasets published on the Data Hub: 131 datasets \(#\d+\)\.$/);
    const again = await postActivity(f.base, executeActivity('regia.indicators.submit', { ...submit.data, 'dataset-hub-dati': '131' }, o('card-1')));
    expect(texts(again.body.value)[0]).toMatch(/already|già/);
    expect((await listIndicatorValues(s.db)).map((v) => [v.indicatorId, v.value, v.origin, v.author.userId])).toEqual([['dataset-hub-dati', 131, 'form', 'aad-user-1']]);
  });

  test('Skip leaves the update saved and logs nothing; someone who may not log the project gets no step', async () => {
    await leader();
    await postActivity(f.base, executeActivity('regia.update.submit', update('hub-dati'), o('card-2')));
    const skipped = await postActivity(f.base, executeActivity('regia.indicators.skip', { lang: 'en' }, o('card-2')));
    expect(texts(skipped.body.value)).toEqual(['✅ Update saved']);
    const forged = await postActivity(
      f.base,
      executeActivity('regia.indicators.submit', { lang: 'en', stepProject: 'hub-dati', 'dataset-hub-dati': '5' }, { serviceUrl: f.connector.serviceUrl, replyToId: 'card-3', from: { id: '29:user-9', name: 'Mario Member', aadObjectId: 'aad-user-9' } }),
    );
    expect(texts(forged.body.value)[0]).toMatch(/No value entered|Nessun valore/);
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
  });
});

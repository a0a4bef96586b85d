import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import { saveUpdate } from '../../../src/core/updates/store.ts';
import { describeEachEngine } from '../../support/db.ts';
import { expectPlainOnTeams, INJECTED } from '../../support/injection.ts';
import { executeActivity, messageActivity, postActivity, type FakeConnector } from '../../support/teams-connector.ts';
import { teamsServerFixture } from '../../support/teams-server.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const messages = (c: FakeConnector) => c.activities.filter((a) => a.activity.type === 'message');

describeEachEngine('Teams: text from people, documents and models stays plain text', (s) => {
  const f = teamsServerFixture(s);
  const o = () => ({ serviceUrl: f.connector.serviceUrl });

  test('an update summary and a document sentence come back as plain text in answer cards', async () => {
    await ingestPaths(f.app, [join(FIXTURES, 'rete-fibra.md')]);
    await saveUpdate(
      f.app,
      { project: 'zls', status: 'at_risk', progress: 40, summary: `Protocollo firmato con ${INJECTED}`, next_steps: null, blockers: null, due_date: null },
      { platform: 'teams', userId: 'aad-user-1', displayName: 'Maria Rossi' },
      { source: 'form' },
    );
    for (const question of ['a che punto è la ZLS?', `chi gestisce la rete in fibra dei comuni cremaschi? ${INJECTED}`]) {
      f.connector.activities.length = 0;
      await postActivity(f.base, messageActivity(question, o()));
      expectPlainOnTeams(messages(f.connector).at(-1)!.activity);
    }
  });

  test('a preview card and the saved notice show the text plainly, and carry it once', async () => {
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'team_leader', 'c4')`);
    await postActivity(f.base, messageActivity(`update ZLS: in linea, firmato con ${INJECTED}, siamo al 40%`, o()));
    const preview = messages(f.connector).at(-1)!.activity;
    expectPlainOnTeams(preview);
    // The draft and the message it came from stay server-side: the card holds the text once.
    expect(JSON.stringify(preview.attachments[0].content).split('evil.example').length - 1).toBe(1);
    const save = preview.attachments[0].content.actions[0];
    const res = await postActivity(f.base, executeActivity(save.verb, save.data, { ...o(), replyToId: 'preview-1' }));
    expectPlainOnTeams(res.body);
    const [row] = await s.db.query(`SELECT summary, source_text FROM updates`);
    expect(row.source_text).toContain(INJECTED);
  });
});

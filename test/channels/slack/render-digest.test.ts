import { expect, test } from 'vitest';
import { renderDigestSlack, renderReminderSlack } from '../../../src/channels/slack/render/digest.ts';
import { buildDigest } from '../../../src/core/digest/build.ts';
import { readProgramme } from '../../../src/programme/model.ts';
import { describeEachEngine } from '../../support/db.ts';
import { loadAts, logUpdate, seedCantiere8 } from '../../core/digest/fixtures.ts';

const AS_OF = new Date('2026-09-28T07:00:00Z');

describeEachEngine('digest as Block Kit', (s) => {
  test('header, sections within Block Kit limits, the log-an-update button, the team leader mentioned', async () => {
    await loadAts(s.db, { lang: 'en' });
    await seedCantiere8(s.db);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('slack', 'U0LEADER8', 'Nicolò Dossena', 'team_leader', 'c8')`);
    const programme = (await readProgramme(s.db))!;
    const d = await buildDigest(s.db, programme, 'c8', { week: '2026-W40', asOf: AS_OF });
    const blocks = renderDigestSlack(d);
    expect(blocks[0]).toMatchObject({ type: 'header' });
    expect(blocks.length).toBeLessThanOrEqual(50);
    const actions = blocks.find((b) => b.type === 'actions') as unknown as { elements: { action_id: string }[] };
    expect(actions.elements[0].action_id).toBe('open_update_form');
    expect(JSON.stringify(blocks)).toContain('Attesa firma della convenzione');
    expect(JSON.stringify(blocks)).toContain('<@U0LEADER8>');

    const reminder = renderReminderSlack({ lang: 'en', digestAt: '5 Oct 2026 09:00', staleAfterDays: programme.staleAfterDays, stale: d.stale });
    expect(JSON.stringify(reminder)).toContain('"value":"built-your-idea"');
    expect(JSON.stringify(reminder)).toContain('The weekly digest goes out 5 Oct 2026 09:00');
  });

  test('user text cannot break Slack markup', async () => {
    await loadAts(s.db);
    const programme = (await readProgramme(s.db))!;
    await logUpdate(s.db, { project: 'zls', status: 'at_risk', summary: 'Tavolo <!channel> & co', at: '2026-09-27T08:00:00Z' });
    const d = await buildDigest(s.db, programme, 'c4', { week: '2026-W40', asOf: AS_OF });
    const json = JSON.stringify(renderDigestSlack(d));
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt; &amp; co');
  });
});

import { expect, test } from 'vitest';
import { renderDigestTeams } from '../../../src/channels/teams/cards/digest.ts';
import { buildDigest } from '../../../src/core/digest/build.ts';
import { readProgramme } from '../../../src/programme/model.ts';
import { describeEachEngine } from '../../support/db.ts';
import { loadAts, seedCantiere8 } from '../../core/digest/fixtures.ts';

describeEachEngine('digest as an Adaptive Card', (s) => {
  test('every project, the log-an-update button, the team leader mentioned by their Teams account', async () => {
    await loadAts(s.db, { lang: 'en' });
    await seedCantiere8(s.db);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', '29:leader8', 'Nicolò Dossena', 'team_leader', 'c8')`);
    const programme = (await readProgramme(s.db))!;
    const d = await buildDigest(s.db, programme, 'c8', { week: '2026-W40', asOf: new Date('2026-09-28T07:00:00Z') });
    const card = renderDigestTeams(d);
    expect(card).toMatchObject({ type: 'AdaptiveCard', actions: [{ type: 'Action.Submit', data: { action: 'open_update_form' } }] });
    expect(JSON.stringify(card)).toContain('Built Your Idea');
    expect(card.msteams).toMatchObject({ entities: [{ type: 'mention', text: '<at>Nicolò Dossena</at>', mentioned: { id: '29:leader8' } }] });
  });
});

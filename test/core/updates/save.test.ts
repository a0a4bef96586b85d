import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderOutbound as asSlack } from '../../../src/channels/slack/render/outbound.ts';
import { renderOutbound as asTeams } from '../../../src/channels/teams/cards/outbound.ts';
import type { Destination, OutboundChannel } from '../../../src/core/outbound/channel.ts';
import type { OutboundMessage } from '../../../src/core/outbound/message.ts';
import type { Actor } from '../../../src/core/types.ts';
import { continueUpdateDialog, startUpdateDialog } from '../../../src/core/updates/dialog.ts';
import { saveEnteredUpdate, type SaveRequest } from '../../../src/core/updates/save.ts';
import type { Cantiere } from '../../../src/programme/model.ts';
import { describeEachEngine } from '../../support/db.ts';
import { appOver, loadTestProgramme } from './fixtures.ts';

const TEST_PROGRAMME = join(import.meta.dirname, 'programme.yaml');

/** A channel's outbound side that records its posts; each cantiere has a conversation on it. */
class RecordingOutbound implements OutboundChannel {
  sent: { to: Destination; message: OutboundMessage }[] = [];
  failing = false;
  constructor(readonly platform: string) {}
  async destinationFor(cantiere: Cantiere): Promise<string | null> {
    return `${this.platform}-${cantiere.id}`;
  }
  async send(to: Destination, message: OutboundMessage): Promise<string> {
    if (this.failing) throw new Error('platform unavailable (test)');
    this.sent.push({ to, message });
    return `${this.platform}-ref-${this.sent.length}`;
  }
}

const ADMIN_SLACK: Actor = { platform: 'slack', userId: 'U0ADMIN', displayName: 'Segreteria ATS' };
const ADMIN_TEAMS: Actor = { platform: 'teams', userId: 'aad-admin', displayName: 'Segreteria ATS' };
const VALUES = { project: 'zls', status: 'at_risk', progress: '40', summary: 'Firmato il protocollo' };

const request = (actor: Actor, extra: Partial<SaveRequest> = {}): SaveRequest => ({ actor, lang: 'it', values: VALUES, source: 'form', ...extra });

describeEachEngine('one save path for updates', (s) => {
  test('an update saved from Teams is stored and announced exactly like one saved from Slack', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('teams', 'aad-admin', 'Segreteria ATS', 'admin')`);
    const app = appOver(s.db);
    const slack = new RecordingOutbound('slack');
    const teams = new RecordingOutbound('teams');
    const fromSlack = await saveEnteredUpdate(app, slack, request(ADMIN_SLACK));
    const fromTeams = await saveEnteredUpdate(app, teams, request(ADMIN_TEAMS));
    expect(fromSlack).toMatchObject({ ok: true, announced: { posted: true, conversationId: 'slack-c4' } });
    expect(fromTeams).toMatchObject({ ok: true, announced: { posted: true, conversationId: 'teams-c4' } });
    const [s1] = slack.sent;
    const [t1] = teams.sent;
    // The same plain data, apart from who and which update.
    expect(s1.message.kind).toBe('update_saved');
    expect(t1.message.kind).toBe('update_saved');
    if (s1.message.kind !== 'update_saved' || t1.message.kind !== 'update_saved') return;
    expect(t1.message.update.text).toBe(s1.message.update.text);
    expect(s1.message.update.text).toContain('Firmato il protocollo');
    // Rendered by each channel: the same words, each platform's mention.
    const slackOut = asSlack(s1.message);
    expect(slackOut.text).toMatch(/^Nuovo aggiornamento da <@U0ADMIN>: /);
    expect(JSON.stringify(slackOut.blocks?.[0])).toContain('*Nuovo aggiornamento da <@U0ADMIN>*');
    expect(asTeams(t1.message).text).toMatch(/^Nuovo aggiornamento da Segreteria ATS\n/);
    expect(JSON.stringify(asTeams(t1.message).card)).toContain('Firmato il protocollo');
    const rows = await s.db.query(`SELECT author_platform, project_id FROM updates ORDER BY id`);
    expect(rows).toEqual([
      { author_platform: 'slack', project_id: 'zls' },
      { author_platform: 'teams', project_id: 'zls' },
    ]);
  });

  test('the console (no channel) stores without announcing; bad values, refusals and duplicates store nothing', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    const slack = new RecordingOutbound('slack');
    const console: Actor = { platform: 'console', userId: 'operator', displayName: 'Operator' };
    expect(await saveEnteredUpdate(app, null, request(console))).toMatchObject({ ok: true, announced: { posted: false, why: 'no_channel' } });

    const invalid = await saveEnteredUpdate(app, slack, request(ADMIN_SLACK, { values: { ...VALUES, progress: '140' } }));
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid' });
    expect(Object.keys(invalid.ok ? {} : 'errors' in invalid ? invalid.errors : {})).toEqual(['progress']);

    const member: Actor = { platform: 'slack', userId: 'U0PAOLO', displayName: 'Paolo Bianchi' };
    expect(await saveEnteredUpdate(app, slack, request(member))).toMatchObject({ ok: false, reason: 'refused', message: expect.stringContaining('Giulia Ferrari') });

    expect(await saveEnteredUpdate(app, slack, request(ADMIN_SLACK, { onceKey: 'card-1' }))).toMatchObject({ ok: true });
    expect(await saveEnteredUpdate(app, slack, request(ADMIN_SLACK, { onceKey: 'card-1' }))).toEqual({ ok: false, reason: 'duplicate' });
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(2);
    expect(slack.sent).toHaveLength(1);
  });

  test('an announcement that fails leaves the update stored and gives the author a reference', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const slack = new RecordingOutbound('slack');
    slack.failing = true;
    const result = await saveEnteredUpdate(appOver(s.db), slack, request(ADMIN_SLACK));
    expect(result).toMatchObject({ ok: true, announced: { posted: false, why: 'failed', conversationId: 'slack-c4', ref: expect.stringMatching(/^RG-[0-9A-F]{8}$/) } });
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(1);
  });

  test('the text dialog saves through the same path: "salva" stores and announces on the channel it came from', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role) VALUES ('teams', 'aad-admin', 'Segreteria ATS', 'admin')`);
    const app = appOver(s.db);
    const teams = new RecordingOutbound('teams');
    const key = { actor: ADMIN_TEAMS, conversationId: 'a:chat' };
    const preview = await startUpdateDialog(app, key, { lang: 'it', prefill: { project: 'zls', status: 'at_risk', progress: 40, summary: 'Firmato il protocollo' }, source: 'message' });
    expect(preview.kind).toBe('update_preview');
    const saved = await continueUpdateDialog(app, key, 'salva', new Date(), teams);
    expect(saved).toMatchObject({ kind: 'dialog', done: true, text: expect.stringMatching(/^Salvato: aggiornamento #\d+/) });
    expect(teams.sent.map((m) => [m.to, m.message.kind])).toEqual([[{ conversationId: 'teams-c4' }, 'update_saved']]);
  });
});

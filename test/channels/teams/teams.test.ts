import { expect, test } from 'vitest';
import type { AppContext } from '../../../src/app.ts';
import { createTeamsChannel } from '../../../src/channels/teams/index.ts';
import { conversationHistory } from '../../../src/core/chat/history.ts';
import { PermanentDeliveryError } from '../../../src/core/outbound/channel.ts';
import { loadConfig } from '../../../src/config.ts';
import { startServer, } from '../../../src/server.ts';
import { describeEachEngine } from '../../support/db.ts';
import { teamsServerFixture } from '../../support/teams-server.ts';
import {
  executeActivity,
  installActivity,
  messageActivity,
  postActivity,
  submitActivity,
  type FakeConnector,
} from '../../support/teams-connector.ts';

const CHANNEL = '19:cantiere4@thread.tacv2';

/** Every TextBlock text of a card, flattened (containers included). */
function cardTexts(card: any): string[] {
  const out: string[] = [];
  const walk = (els: any[] = []) => {
    for (const el of els) {
      if (el.type === 'TextBlock') out.push(el.text);
      walk(el.items);
      for (const col of el.columns ?? []) walk(col.items);
    }
  };
  walk(card.body);
  return out;
}

const cardOf = (a: { activity: Record<string, any> }) => a.activity.attachments?.[0]?.content;
const messages = (c: FakeConnector) => c.activities.filter((a) => a.activity.type === 'message');

describeEachEngine('Teams channel over the real CloudAdapter', (s) => {
  const f = teamsServerFixture(s);

  const o = () => ({ serviceUrl: f.connector.serviceUrl });

  test('a 1:1 question gets a typing activity, then the answer as an Adaptive Card with 👍/👎', async () => {
    const res = await postActivity(f.base, messageActivity('chi coordina il cantiere 8?', o()));
    expect(res.status).toBe(200);
    const [typing, answer] = f.connector.activities;
    expect(typing.activity.type).toBe('typing');
    expect(answer.activity.type).toBe('message');
    expect(answer.path).toMatch(/^\/v3\/conversations\/a%3Apersonal-chat-1\/activities\//);
    const card = cardOf(answer);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.actions.map((a: any) => a.title)).toEqual(['👍 Utile', '👎 Non utile']);
    const [stored] = await s.db.query(`SELECT id, question, answer, conversation_id FROM answers WHERE platform = 'teams'`);
    expect(stored).toMatchObject({ question: 'chi coordina il cantiere 8?', conversation_id: 'a:personal-chat-1' });
    // The card shows the assistant's answer (serve.test.ts checks it names the team leader).
    expect(cardTexts(card)[0]).toBe(stored.answer);
    expect(card.actions[0].data).toMatchObject({ answerId: stored.id, value: 1 });
  });

  test('an answer drawn from documents lists numbered sources with quotes', async () => {
    // A logged update is a source like a document: `[n] title - section` and its quote.
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'team_leader', 'c4')`);
    await postActivity(
      f.base,
      executeActivity('regia.update.submit', { lang: 'it', project: 'zls', status: 'on_track', progress: '40', summary: 'Firmato il protocollo con la Regione' }, o()),
    );
    f.connector.activities.length = 0;
    await postActivity(f.base, messageActivity("a che punto è la ZLS?", o()));
    const answer = messages(f.connector).at(-1)!;
    const texts = cardTexts(cardOf(answer));
    expect(texts).toContain('Fonti');
    expect(texts.some((t) => /^\[1\] /.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('“'))).toBe(true);
  });

  test('in a channel only a mention is answered, as a reply in its thread, without the mention text', async () => {
    const conversationId = `${CHANNEL};messageid=1700000000001`;
    await postActivity(f.base, messageActivity('chi coordina il cantiere 8?', { ...o(), conversationType: 'channel', conversationId }));
    expect(f.connector.activities).toHaveLength(0);
    await postActivity(f.base, messageActivity('chi coordina il cantiere 8?', { ...o(), conversationType: 'channel', conversationId, mention: true, id: 'm-2' }));
    const reply = messages(f.connector).at(-1)!;
    expect(reply.conversationId).toBe(conversationId);
    expect(reply.activityId).toBe('m-2');
    const [q] = await s.db.query(`SELECT question FROM answers`);
    expect(q.question).toBe('chi coordina il cantiere 8?');
  });

  test('a follow-up sees the earlier turns of its own conversation only', async () => {
    await postActivity(f.base, messageActivity('chi coordina il cantiere 8?', o()));
    await postActivity(f.base, messageActivity('what is the ZLS?', { ...o(), conversationId: 'a:someone-else' }));
    await postActivity(f.base, messageActivity('e il cantiere 4?', o()));
    const history = await conversationHistory(s.db, 'teams', 'a:personal-chat-1', 3);
    expect(history.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(history[0].text).toBe('chi coordina il cantiere 8?');
    expect(history[2].text).toBe('e il cantiere 4?');
  });

  test('a redelivered activity is answered once', async () => {
    const activity = messageActivity('chi coordina il cantiere 8?', { ...o(), id: 'same-id' });
    await postActivity(f.base, activity);
    await postActivity(f.base, activity);
    expect(messages(f.connector)).toHaveLength(1);
  });

  test('"aggiorna" sends the update card built from the shared form definition', async () => {
    await postActivity(f.base, messageActivity('aggiorna', o()));
    const card = cardOf(messages(f.connector).at(-1)!);
    const inputs = card.body.filter((e: any) => e.type.startsWith('Input.'));
    expect(inputs.map((i: any) => [i.id, i.type])).toEqual([
      ['project', 'Input.ChoiceSet'],
      ['status', 'Input.ChoiceSet'],
      ['progress', 'Input.Number'],
      ['summary', 'Input.Text'],
      ['next_steps', 'Input.Text'],
      ['blockers', 'Input.Text'],
      ['due_date', 'Input.Date'],
    ]);
    expect(inputs[0].choices).toContainEqual({ title: 'Cantiere 4 · Zona Logistica Semplificata', value: 'zls' });
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'regia.update.submit' });
  });

  test('Action.Execute with an invalid progress returns the card with the message next to the field, values kept', async () => {
    const res = await postActivity(
      f.base,
      executeActivity('regia.update.submit', { lang: 'it', project: 'zls', status: 'on_track', progress: '150', summary: 'Protocollo firmato' }, o()),
    );
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const body = res.body.value.body as any[];
    const i = body.findIndex((e) => e.id === 'progress');
    expect(body[i + 1].text).toMatch(/avanzamento.*da 0 a 100/i);
    expect(body[i + 1].color).toBe('attention');
    expect(body.find((e) => e.id === 'summary').value).toBe('Protocollo firmato');
    expect(body.find((e) => e.id === 'project').value).toBe('zls');
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(0);
  });

  test('a valid Action.Execute submission stores the update, confirms on the card and announces it in the cantiere conversation', async () => {
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'team_leader', 'c4')`);
    // Cantiere 4's Teams channel, where Regia is installed: announcements go there, as on Slack.
    await s.db.query(`UPDATE cantieri SET teams_channel = $1 WHERE id = 'c4'`, [CHANNEL]);
    await postActivity(f.base, installActivity({ ...o(), conversationType: 'channel', conversationId: CHANNEL }));
    f.connector.activities.length = 0;
    const activity = executeActivity(
      'regia.update.submit',
      { lang: 'it', project: 'zls', status: 'at_risk', progress: '40', summary: 'Firmato il protocollo', next_steps: '', blockers: 'Manca il parere', due_date: '' },
      { ...o(), replyToId: 'card-1' },
    );
    const res = await postActivity(f.base, activity);
    expect(res.status).toBe(200);
    expect(cardTexts(res.body.value)[0]).toContain('Aggiornamento salvato');
    const rows = await s.db.query(`SELECT project_id, status, progress, summary, blockers, source, author_id FROM updates`);
    expect(rows).toEqual([
      { project_id: 'zls', status: 'at_risk', progress: 40, summary: 'Firmato il protocollo', blockers: 'Manca il parere', source: 'form', author_id: 'aad-user-1' },
    ]);
    const announced = () => f.connector.activities.filter((a) => a.conversationId === CHANNEL && JSON.stringify(a.activity).includes('Nuovo aggiornamento da Maria Rossi'));
    expect(announced()).toHaveLength(1);
    expect(JSON.stringify(announced()[0].activity)).toContain('Firmato il protocollo');
    // A second click on the same card saves nothing more, and announces nothing more.
    const again = await postActivity(f.base, { ...activity, id: 'another-click' });
    expect(cardTexts(again.body.value)[0]).toContain('già stato salvato');
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(1);
    expect(announced()).toHaveLength(1);
  });

  test('Action.Submit (a message with value) updates the card in place with the field message', async () => {
    await postActivity(
      f.base,
      submitActivity({ verb: 'regia.update.submit', lang: 'en', project: 'zls', status: 'on_track', progress: 'lots', summary: 'x' }, { ...o(), replyToId: 'card-7' }),
    );
    const put = f.connector.activities.find((a) => a.method === 'PUT')!;
    expect(put.activityId).toBe('card-7');
    expect(cardTexts(cardOf(put))).toContain('Progress must be a whole number from 0 to 100 (you gave "lots").');
  });

  test('"@Regia update ZLS: ..." gets a preview with Save / Edit / Cancel; Save stores it', async () => {
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'team_leader', 'c4')`);
    const text = 'update ZLS: firmato il protocollo con la Regione, siamo al 40%';
    await postActivity(f.base, messageActivity(text, { ...o(), conversationType: 'channel', conversationId: CHANNEL, mention: true }));
    const preview = cardOf(messages(f.connector).at(-1)!);
    expect(preview.actions.map((a: any) => a.verb)).toEqual(['regia.preview.save', 'regia.preview.edit', 'regia.preview.cancel']);
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(0);
    const save = preview.actions[0];
    const res = await postActivity(f.base, executeActivity(save.verb, save.data, { ...o(), conversationType: 'channel', conversationId: CHANNEL, replyToId: 'preview-1' }));
    expect(cardTexts(res.body.value)[0]).toContain('Aggiornamento salvato');
    const [row] = await s.db.query(`SELECT project_id, progress, source, source_text FROM updates`);
    expect(row).toMatchObject({ project_id: 'zls', progress: 40, source: 'message', source_text: text });
  });

  test('Edit on the preview opens the update card pre-filled with the draft; Cancel saves nothing', async () => {
    await s.db.query(`INSERT INTO people (platform, user_id, display_name, role, cantiere_id) VALUES ('teams', 'aad-user-1', 'Maria Rossi', 'team_leader', 'c4')`);
    await postActivity(f.base, messageActivity('update ZLS: firmato il protocollo, siamo al 40%', o()));
    const preview = cardOf(messages(f.connector).at(-1)!);
    const [, edit, cancel] = preview.actions;
    const edited = await postActivity(f.base, executeActivity(edit.verb, edit.data, o()));
    const inputs = Object.fromEntries((edited.body.value.body as any[]).filter((e) => e.id).map((e) => [e.id, e.value]));
    expect(inputs).toMatchObject({ project: 'zls', progress: 40 });
    const cancelled = await postActivity(f.base, executeActivity(cancel.verb, cancel.data, o()));
    expect(cardTexts(cancelled.body.value)[0]).toMatch(/annullato/);
    // The card replaced the text dialog: the next message is a question again, not "save, edit or cancel?".
    await postActivity(f.base, messageActivity('chi coordina il cantiere 8', o()));
    expect(cardOf(messages(f.connector).at(-1)!).actions[0].verb).toBe('regia.feedback');
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(0);
  });

  test("the digest's \"log an update\" button (Action.Submit) posts the update card as a new message", async () => {
    await postActivity(f.base, submitActivity({ action: 'open_update_form', project: 'hub-dati' }, { ...o(), replyToId: 'digest-1' }));
    const posted = messages(f.connector).at(-1)!;
    expect(posted.method).toBe('POST');
    const project = cardOf(posted).body.find((e: any) => e.id === 'project');
    expect(project.value).toBe('hub-dati');
  });

  test('👎 on an answer is stored as feedback and the card thanks the user', async () => {
    await postActivity(f.base, messageActivity('chi coordina il cantiere 8?', o()));
    const card = cardOf(messages(f.connector).at(-1)!);
    const down = card.actions[1];
    const res = await postActivity(f.base, executeActivity(down.verb, down.data, o()));
    expect(cardTexts(res.body.value).at(-1)).toContain('Grazie');
    expect(await s.db.query(`SELECT user_id, value FROM feedback`)).toEqual([{ user_id: 'aad-user-1', value: -1 }]);
  });

  test('installing in a team stores the reference; send() posts proactively to it', async () => {
    const channel = createTeamsChannel(f.app);
    await postActivity(f.base, installActivity({ ...o(), conversationType: 'channel', conversationId: CHANNEL }));
    const [ref] = await s.db.query(`SELECT conversation_id, reference FROM conversation_refs WHERE platform = 'teams'`);
    expect(ref.conversation_id).toBe(CHANNEL);
    f.connector.activities.length = 0;
    const id = await channel.send({ conversationId: CHANNEL }, { kind: 'reminder', reminder: { lang: 'it', digestAt: 'lunedì 09:00', staleAfterDays: 14, stale: [] } });
    const [posted] = f.connector.activities;
    expect(posted.conversationId).toBe(CHANNEL);
    // Posted to the channel itself (a new post), not into the thread of a message Regia saw.
    expect(posted.path.startsWith(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`)).toBe(true);
    expect(posted.id).toBe(id);
    expect(posted.activity.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    // Removed from the team meanwhile: Teams answers 403 and send() rejects (503s are retried by the SDK).
    f.connector.failNext(1, 403);
    await expect(channel.send({ conversationId: CHANNEL }, { kind: 'notice', text: 'x' })).rejects.toThrow();
    f.connector.failNext(1, 503);
    await expect(channel.send({ conversationId: CHANNEL }, { kind: 'notice', text: 'retried' })).resolves.toBeTypeOf('string');
    await expect(channel.send({ conversationId: '19:never@thread.skype' }, { kind: 'notice', text: 'x' })).resolves.toBeTypeOf('string');
  });

  test('send() to a user: their 1:1 chat when known, else a new 1:1 chat that is then remembered', async () => {
    const channel = createTeamsChannel(f.app);
    await postActivity(f.base, messageActivity('ciao', { ...o(), id: 'hello-1' }));
    f.connector.activities.length = 0;
    await channel.send({ userId: 'aad-user-1' }, { kind: 'notice', text: 'Promemoria: aggiorna la ZLS' });
    expect(f.connector.activities[0].conversationId).toBe('a:personal-chat-1');
    await channel.send({ userId: 'aad-user-2' }, { kind: 'notice', text: 'Promemoria per te' });
    const created = f.connector.activities[1];
    expect(created.conversationId).toMatch(/^a:/);
    expect(created.conversationId).not.toBe('a:personal-chat-1');
    expect(created.activity.text).toBe('Promemoria per te');
    const refs = await s.db.query(`SELECT conversation_id FROM conversation_refs WHERE conversation_id = $1`, [created.conversationId]);
    expect(refs).toHaveLength(1);
  });

  test('send() to a conversation Regia never saw, with no reference at all, fails clearly', async () => {
    const channel = createTeamsChannel(f.app);
    const sent = channel.send({ conversationId: CHANNEL }, { kind: 'notice', text: 'x' });
    await expect(sent).rejects.toThrow(/install the Regia app/);
    // Reported as permanent: the digest delivery does not retry it for minutes.
    await expect(sent).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  test('"collega cantiere 4" links the channel for admins only; the programme file links by channel id', async () => {
    const act = (id: string) => messageActivity('collega cantiere 4', { ...o(), conversationType: 'channel', conversationId: CHANNEL, mention: true, id });
    await postActivity(f.base, act('l-1'));
    expect(messages(f.connector).at(-1)!.activity.text).toMatch(/Solo gli amministratori/);
    // Promoted to admin (the first message recorded them as a member).
    await s.db.query(
      `INSERT INTO people (platform, user_id, display_name, role) VALUES ('teams', 'aad-user-1', 'Segreteria', 'admin')
       ON CONFLICT (platform, user_id) DO UPDATE SET role = 'admin'`,
    );
    await postActivity(f.base, act('l-2'));
    expect(messages(f.connector).at(-1)!.activity.text).toMatch(/collegata al cantiere 4/);
    const [ref] = await s.db.query(`SELECT cantiere_id FROM conversation_refs WHERE conversation_id = $1`, [CHANNEL]);
    expect(ref.cantiere_id).toBe('c4');

    await s.db.query(`UPDATE cantieri SET teams_channel = '19:c8@thread.tacv2' WHERE id = 'c8'`);
    await postActivity(f.base, installActivity({ ...o(), conversationType: 'channel', conversationId: '19:c8@thread.tacv2' }));
    const [c8] = await s.db.query(`SELECT cantiere_id FROM conversation_refs WHERE conversation_id = '19:c8@thread.tacv2'`);
    expect(c8.cantiere_id).toBe('c8');
  });

  test('with an app id configured, an activity without a valid token is refused with 401 and never processed', async () => {
    const config = loadConfig(
      { LOG_LEVEL: 'silent', MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant-0001' },
      { dotenv: false },
    );
    const secured: AppContext = { ...f.app, config };
    const guarded = await startServer(secured, [createTeamsChannel(secured)], [], 0);
    try {
      const url = `http://127.0.0.1:${guarded.port}`;
      const activity = messageActivity('chi coordina il cantiere 8?', o());
      expect((await postActivity(url, activity)).status).toBe(401);
      expect((await postActivity(url, activity, 'not-a-jwt')).status).toBe(401);
      expect(f.connector.activities).toHaveLength(0);
      expect(await s.db.query(`SELECT 1 FROM processed_events`)).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });
});

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, vi } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import { PermanentDeliveryError } from '../../../src/core/outbound/channel.ts';
import { saveUpdate } from '../../../src/core/updates/store.ts';
import { describeEachEngine } from '../../support/db.ts';
import {
  blockAction,
  dmEvent,
  eventEnvelope,
  mentionEvent,
  messageShortcut,
  newTs,
  send,
  slashCommand,
  TEST_SIGNING_SECRET,
  viewSubmission, slackServerFixture } from '../../support/slack-harness.ts';
import { type SlackCall, } from '../../support/slack-sim.ts';
import { signedSlackRequest } from '../../support/slack-sign.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const C4 = 'C0000000004'; // cantiere 4 (ZLS) channel in the demo programme
const ADMIN = 'U0000ADMIN'; // an admin in the demo programme
const MEMBER = 'U0SOMEBODY';

const blockTexts = (c: SlackCall): string => JSON.stringify(c.body.blocks ?? []);

describeEachEngine('Slack channel over HTTP', (s) => {
  const f = slackServerFixture(s);

  async function logZlsUpdate() {
    return saveUpdate(
      f.app,
      { project: 'zls', status: 'at_risk', progress: 40, summary: 'Protocol with the port authority signed; customs agreement pending.', next_steps: null, blockers: 'customs agreement', due_date: null },
      { platform: 'slack', userId: ADMIN, displayName: 'Segreteria ATS' },
      { source: 'form' },
    );
  }

  test('a mention is acknowledged at once and answered in its thread, with sources and feedback buttons that store a vote', async () => {
    await logZlsUpdate();
    const ts = newTs();
    const res = await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: MEMBER, text: "what's the status of ZLS?", ts })));
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(3000);
    const reply = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(reply.body.channel).toBe(C4);
    expect(reply.token).toBe('xoxb-test-0000-regia');
    const blocks = reply.body.blocks as any[];
    const text = blockTexts(reply);
    expect(text).toMatch(/\[1\]/);
    expect(text).not.toMatch(/\*\*/); // mrkdwn, not Markdown
    expect(text).toMatch(/Sources|Fonti/);
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['feedback_up', 'feedback_down']);
    // The working sign came first and was taken away.
    expect(f.sim.callsTo('reactions.add')[0].body).toMatchObject({ channel: C4, timestamp: ts });
    await f.sim.waitFor((c) => c.method === 'reactions.remove');

    const answerId = actions.elements[1].value.replace(/^bad:/, '');
    const [stored] = await s.db.query(`SELECT * FROM answers WHERE id = $1`, [Number(answerId)]);
    expect(stored.thread_ref).toBe(`${C4}:${ts}`);
    const click = await send(f.baseUrl, blockAction(f.sim, { user: MEMBER, channel: C4, actionId: 'feedback_down', value: `bad:${answerId}` }));
    expect(click.status).toBe(200);
    // A 👎 asks, optionally, what was wrong; what is written there is kept with the vote.
    const form = await f.sim.waitFor((c) => c.method === 'views.open');
    expect(form.body.view.blocks.find((b: any) => b.type === 'input').optional).toBe(true);
    const sent = await send(
      f.baseUrl,
      viewSubmission({ user: MEMBER, view: { callback_id: form.body.view.callback_id, private_metadata: form.body.view.private_metadata }, values: { comment: { comment_text: { type: 'plain_text_input', value: 'It names the wrong office.' } } } }),
    );
    expect(sent.status).toBe(200);
    // The form is acknowledged first (Slack's 3 s), the comment stored right after.
    await vi.waitFor(
      async () => {
        const feedback = await s.db.query(`SELECT * FROM feedback WHERE answer_id = $1`, [Number(answerId)]);
        expect(feedback).toMatchObject([{ platform: 'slack', user_id: MEMBER, value: -1, comment: 'It names the wrong office.' }]);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  test('a DM is answered in its thread, and a follow-up in that thread is understood through the earlier turns', async () => {
    await ingestPaths(f.app, [join(FIXTURES, 'zls-note.md'), join(FIXTURES, 'dmo-note.md')]);
    const dm = 'D0000MEMBER';
    const ts = newTs();
    await send(f.baseUrl, eventEnvelope(dmEvent({ channel: dm, user: MEMBER, text: 'What is the Zona Logistica Semplificata?', ts })));
    await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm && c.body.thread_ts === ts);
    await send(f.baseUrl, eventEnvelope(dmEvent({ channel: dm, user: MEMBER, text: 'who coordinates it?', threadTs: ts })));
    const replies = await f.sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.channel === dm && c.body.thread_ts === ts, 2);
    // The follow-up names no project: the thread's first question makes the ZLS note its first source.
    const firstSource = (c: SlackCall) => (c.body.blocks as any[]).find((b) => b.type === 'section' && b.text.text.startsWith('[1]'))?.text.text;
    expect(firstSource(replies[1])).toMatch(/Zona Logistica Semplificata/);
    // Control: the same words outside the thread have no such context.
    const alone = newTs();
    await send(f.baseUrl, eventEnvelope(dmEvent({ channel: dm, user: MEMBER, text: 'who coordinates it?', ts: alone })));
    const control = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === alone);
    expect(firstSource(control) ?? '').not.toMatch(/Zona Logistica Semplificata/);
    const rows = await s.db.query(`SELECT question FROM answers WHERE thread_ref = $1 ORDER BY id`, [`${dm}:${ts}`]);
    expect(rows.map((r) => r.question)).toEqual(['What is the Zona Logistica Semplificata?', 'who coordinates it?']);
  });

  test("a retry of the same event (X-Slack-Retry-Num) produces nothing new", async () => {
    const ts = newTs();
    const envelope = eventEnvelope(mentionEvent({ channel: C4, user: MEMBER, text: 'who leads cantiere 8?', ts }));
    await send(f.baseUrl, envelope);
    await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    await f.sim.waitFor((c) => c.method === 'reactions.remove' && c.body.timestamp === ts);
    const before = f.sim.calls.length;
    const retry = await send(f.baseUrl, envelope, { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(f.sim.calls.slice(before)).toEqual([]);
    expect(await s.db.query(`SELECT id FROM answers`)).toHaveLength(1);
  });

  test('/regia update zls opens the modal built from the shared form, project preselected', async () => {
    const res = await send(f.baseUrl, slashCommand(f.sim, { text: 'update zls', user: ADMIN, channel: C4 }));
    expect(res.status).toBe(200);
    const open = await f.sim.waitFor((c) => c.method === 'views.open');
    const view = open.body.view;
    expect(view.type).toBe('modal');
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['project', 'status', 'progress', 'summary', 'next_steps', 'blockers', 'due_date']);
    const project = view.blocks[0].element;
    expect(project.type).toBe('static_select');
    expect(project.option_groups.length).toBeGreaterThan(1);
    expect(project.initial_option.value).toBe('zls');
    expect(view.blocks[1].element.type).toBe('radio_buttons');
    expect(view.blocks[6].element.type).toBe('datepicker');
    // Italian keyword, Italian modal.
    await send(f.baseUrl, slashCommand(f.sim, { text: 'aggiorna', user: ADMIN, channel: C4 }));
    const second = await f.sim.waitForCount((c) => c.method === 'views.open', 2);
    expect(second[1].body.view.blocks[0].label.text).toBe('Progetto');
  });

  async function openedModal(): Promise<Record<string, any>> {
    await send(f.baseUrl, slashCommand(f.sim, { text: 'update zls', user: ADMIN, channel: C4 }));
    return (await f.sim.waitFor((c) => c.method === 'views.open')).body.view;
  }

  const values = (v: { project?: string; status?: string; progress?: string; summary?: string }) => ({
    project: { project: { type: 'static_select', selected_option: v.project ? { value: v.project } : null } },
    status: { status: { type: 'radio_buttons', selected_option: v.status ? { value: v.status } : null } },
    progress: { progress: { type: 'number_input', value: v.progress ?? null } },
    summary: { summary: { type: 'plain_text_input', value: v.summary ?? null } },
    next_steps: { next_steps: { type: 'plain_text_input', value: null } },
    blockers: { blockers: { type: 'plain_text_input', value: null } },
    due_date: { due_date: { type: 'datepicker', selected_date: null } },
  });

  test('a submission with progress 140 gets the errors back on the fields and stores nothing', async () => {
    const view = await openedModal();
    const res = await send(f.baseUrl, viewSubmission({ user: ADMIN, view, values: values({ project: 'zls', status: 'on_track', progress: '140', summary: 'Signed.' }) }));
    expect(res.status).toBe(200);
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['progress']);
    expect(res.json.errors.progress).toMatch(/0.*100/);
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(0);
  });

  test('a valid submission stores the update, confirms it in the cantiere channel and tells the author where', async () => {
    const view = await openedModal();
    const res = await send(f.baseUrl, viewSubmission({ user: ADMIN, view, values: values({ project: 'zls', status: 'at_risk', progress: '45', summary: 'Customs agreement drafted.' }) }));
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBeUndefined();
    const confirmation = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === C4);
    expect(confirmation.body.text).toMatch(/Customs agreement drafted/);
    const dm = await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === ADMIN);
    expect(dm.body.text).toContain(`<#${C4}>`);
    const rows = await s.db.query(`SELECT project_id, status, progress, source, author_id FROM updates`);
    expect(rows).toEqual([{ project_id: 'zls', status: 'at_risk', progress: 45, source: 'form', author_id: ADMIN }]);
  });

  test('a member who may not log updates for the project gets the refusal on the project field', async () => {
    const view = await openedModal();
    const res = await send(f.baseUrl, viewSubmission({ user: MEMBER, view, values: values({ project: 'zls', status: 'on_track', summary: 'x' }) }));
    expect(res.json.response_action).toBe('errors');
    expect(res.json.errors.project).toMatch(/team leader|amministratore|admin/i);
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(0);
  });

  test('the message shortcut opens the modal prefilled from the message', async () => {
    const res = await send(f.baseUrl, messageShortcut(f.sim, { user: ADMIN, channel: C4, text: 'ZLS: firmato il protocollo con l\'autorità portuale, siamo al 40%' }));
    expect(res.status).toBe(200);
    const open = await f.sim.waitFor((c) => c.method === 'views.open');
    const blocks = open.body.view.blocks;
    expect(blocks[0].element.initial_option.value).toBe('zls');
    expect(blocks[2].element.initial_value).toBe('40');
    expect(JSON.parse(open.body.view.private_metadata).source).toBe('message');
  });

  test('"@regia update ZLS: ..." gets an ephemeral preview; Save stores it once, a second Save does nothing', async () => {
    const ts = newTs();
    await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: ADMIN, text: 'update ZLS: on track, protocol signed with the port authority, 40%', ts })));
    const preview = await f.sim.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(preview.body).toMatchObject({ channel: C4, user: ADMIN, thread_ts: ts });
    const actions = (preview.body.blocks as any[]).find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['update_preview_save', 'update_preview_edit', 'update_preview_cancel']);
    const previewId = actions.elements[0].value;
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: C4, actionId: 'update_preview_save', value: previewId }));
    await f.sim.waitFor((c) => c.method === 'response_url' && /✅/.test(c.body.text));
    await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === C4);
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: C4, actionId: 'update_preview_save', value: previewId }));
    await f.sim.waitFor((c) => c.method === 'response_url' && /no longer valid|non è più valida/.test(c.body.text));
    const rows = await s.db.query(`SELECT project_id, progress, source, source_text FROM updates`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ project_id: 'zls', progress: 40, source: 'message' });
  });

  test('an update typed in the main pane of the DM, then "salva" typed in the main pane, saves that preview once', async () => {
    const dm = `D${ADMIN}`;
    await send(f.baseUrl, eventEnvelope(dmEvent({ channel: dm, user: ADMIN, text: 'update ZLS: on track, protocol signed with the port authority, 40%', ts: newTs() })));
    await f.sim.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.channel === dm);
    await send(f.baseUrl, eventEnvelope(dmEvent({ channel: dm, user: ADMIN, text: 'salva', ts: newTs() })));
    await f.sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === C4, 15_000);
    const rows = await s.db.query(`SELECT project_id, progress FROM updates`);
    expect(rows).toEqual([{ project_id: 'zls', progress: 40 }]);
  });

  test('Edit on a preview opens the prefilled modal; Cancel drops the draft', async () => {
    await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: ADMIN, text: 'aggiorna ZLS: in linea, siamo al 30%' })));
    const preview = await f.sim.waitFor((c) => c.method === 'chat.postEphemeral');
    const previewId = (preview.body.blocks as any[]).find((b) => b.type === 'actions').elements.at(-1).value;
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: C4, actionId: 'update_preview_edit', value: previewId }));
    const open = await f.sim.waitFor((c) => c.method === 'views.open');
    expect(open.body.view.blocks[2].element.initial_value).toBe('30');
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: C4, actionId: 'update_preview_cancel', value: previewId }));
    await f.sim.waitFor((c) => c.method === 'response_url' && /annullato|cancelled/i.test(c.body.text));
    expect(await s.db.query(`SELECT id FROM updates`)).toHaveLength(0);
  });

  test('App Home publishes the status board: a section per cantiere, status, stale marks, log-update buttons', async () => {
    await logZlsUpdate();
    await send(f.baseUrl, eventEnvelope({ type: 'app_home_opened', user: MEMBER, channel: 'D0000MEMBER', tab: 'home', event_ts: newTs() }));
    const publish = await f.sim.waitFor((c) => c.method === 'views.publish');
    expect(publish.body.user_id).toBe(MEMBER);
    const blocks = publish.body.view.blocks as any[];
    const headers = blocks.filter((b) => b.type === 'header').map((b) => b.text.text);
    expect(headers.filter((h) => h.startsWith('Cantiere'))).toHaveLength(8);
    const zls = blocks.find((b) => b.type === 'section' && b.text.text.includes('Zona Logistica Semplificata'));
    expect(zls.text.text).toMatch(/A rischio/);
    expect(zls.text.text).toMatch(/40%/);
    expect(zls.accessory).toMatchObject({ action_id: 'home_log_update', value: 'zls' });
    const dmo = blocks.find((b) => b.type === 'section' && b.text.text.includes('Destination Management'));
    expect(dmo.text.text).toMatch(/:warning:/);
    // Its button opens the modal for that project.
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: 'D0000ADMIN', actionId: 'home_log_update', value: 'dmo' }));
    const open = await f.sim.waitFor((c) => c.method === 'views.open');
    expect(open.body.view.blocks[0].element.initial_option.value).toBe('dmo');
  });

  test('/regia status, help and digest answer privately', async () => {
    await logZlsUpdate();
    await send(f.baseUrl, slashCommand(f.sim, { text: 'stato zls', user: MEMBER, channel: C4 }));
    const status = await f.sim.waitFor((c) => c.method === 'response_url');
    expect(status.body.response_type).toBe('ephemeral');
    expect(status.body.text).toMatch(/40/);
    const help = await send(f.baseUrl, slashCommand(f.sim, { text: 'help', user: MEMBER, channel: C4 }));
    expect(help.json.text).toMatch(/\/regia update/);
    await send(f.baseUrl, slashCommand(f.sim, { text: 'riepilogo', user: MEMBER, channel: C4 }));
    const digest = await f.sim.waitForCount((c) => c.method === 'response_url', 2);
    expect(digest[1].body.response_type).toBe('ephemeral');
    expect(JSON.stringify(digest[1].body)).toMatch(/Zona Logistica Semplificata/);
  });

  test('a bad or stale signature gets 401 and reaches no listener', async () => {
    const body = eventEnvelope(mentionEvent({ channel: C4, user: MEMBER, text: 'hello' }));
    const bad = await signedSlackRequest(f.baseUrl, 'not-the-secret', body);
    expect(bad.status).toBe(401);
    const stale = await signedSlackRequest(f.baseUrl, TEST_SIGNING_SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(f.sim.calls).toEqual([]);
  });

  test('an answer that fails on every attempt of the queue gets a visible reply with a reference id, logged in full', async () => {
    const ts = newTs();
    f.sim.failNext('chat.postMessage', 3, 'fatal_error');
    await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: MEMBER, text: "what's the status of ZLS?", ts })));
    const replies = await f.sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 4, 30_000);
    expect(f.logs.filter((l) => l.msg === 'queue: job failed; it will be retried')).toHaveLength(2);
    const ref = /`(RG-[0-9A-F]+)`/.exec(replies[3].body.text)?.[1];
    expect(ref).toBeDefined();
    const entry = f.logs.find((l) => l.ref === ref);
    expect(entry?.level).toBe(50);
    expect(JSON.stringify(entry?.err)).toMatch(/fatal_error/);
  });

  test('proactive posts go out with chat.postMessage; a channel the bot is not in is a permanent failure', async () => {
    const channel = f.server.channels.find((c) => c.platform === 'slack')!;
    const ref = await channel.send({ conversationId: C4 }, { kind: 'notice', text: 'Avviso di prova' });
    expect(ref).toMatch(new RegExp(`^${C4}:`));
    expect(f.sim.callsTo('chat.postMessage').at(-1)!.body).toMatchObject({ channel: C4, text: 'Avviso di prova' });
    f.sim.failNext('chat.postMessage', 1, 'not_in_channel');
    await expect(channel.send({ conversationId: C4 }, { kind: 'notice', text: 'x' })).rejects.toBeInstanceOf(PermanentDeliveryError);
    f.sim.failNext('chat.postMessage', 1, 'internal_error');
    await expect(channel.send({ conversationId: C4 }, { kind: 'notice', text: 'x' })).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });
});

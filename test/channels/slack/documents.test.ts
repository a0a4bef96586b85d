import { expect, test, vi } from 'vitest';
import { search } from '../../../src/core/retrieval/search.ts';
import { documentHistory } from '../../../src/core/documents/audit.ts';
import { runCli } from '../../support/cli.ts';
import { describeEachEngine } from '../../support/db.ts';
import { blockAction, eventEnvelope, mentionEvent, newTs, send, slashCommand, TEST_BOT_TOKEN, slackServerFixture } from '../../support/slack-harness.ts';
import { interactiveBody } from '../../support/slack-sign.ts';
import { SIM_BOT } from '../../support/slack-sim.ts';
import { makeDocx } from '../../ingest/fixtures.ts';

// Chat ingestion and a real browser are slow on a busy machine: each test gets two minutes.
vi.setConfig({ testTimeout: 120_000 });

const LEADER = 'U0000000008'; // Nicolò Dossena, team leader of cantiere 8 in the demo programme
const MEMBER = 'U0SOMEBODY';
const ADMIN = 'U0000ADMIN'; // Segreteria ATS, admin in the demo programme
const C4 = 'C0000000004'; // cantiere 4's channel
const DM = 'D0LEADER';

let fileCounter = 0;

describeEachEngine('Slack: documents shared with Regia', (s) => {
  const f = slackServerFixture(s);

  function shareInDm(user: string, name: string, bytes: Uint8Array): { fileId: string; ts: string } {
    const fileId = `F${String(++fileCounter).padStart(8, '0')}`;
    f.sim.addFile({ id: fileId, name, bytes });
    const ts = newTs();
    const event = { type: 'message', subtype: 'file_share', channel_type: 'im', channel: DM, user, text: '', ts, event_ts: ts, files: [{ id: fileId, name }] };
    void send(f.baseUrl, eventEnvelope(event));
    return { fileId, ts };
  }

  /** The final word in the thread: the progress message once updated, or a direct reply. */
  async function threadOutcome(ts: string): Promise<string> {
    const reply = await f.sim.waitFor((c) => (c.method === 'chat.postMessage' && c.body.thread_ts === ts && !String(c.body.text).startsWith('⏳')) || c.method === 'chat.update', 60_000);
    return String(reply.body.text);
  }

  const documentCount = async () => Number((await s.db.query(`SELECT count(*) AS n FROM documents`))[0].n);

  test('a DOCX shared in the DM by a team leader is downloaded with the bot token, ingested, confirmed in the thread and found by search', async () => {
    const { fileId, ts } = shareInDm(LEADER, 'Verbale 12 novembre.docx', await makeDocx());
    const outcome = await threadOutcome(ts);
    expect(outcome).toMatch(/^✅ Aggiunto: Verbale 12 novembre\.docx \(«Verbale del cantiere digitale»\), \d+ passagg/);
    const progress = f.sim.callsTo('chat.postMessage').find((c) => c.body.thread_ts === ts);
    expect(progress?.body.text).toContain('Sto leggendo «Verbale 12 novembre.docx»');
    expect(f.sim.callsTo('files.info')[0].body.file).toBe(fileId);
    const download = f.sim.callsTo('file_download');
    expect(download).toHaveLength(1);
    expect(download[0].token).toBe(TEST_BOT_TOKEN);

    const query = 'mappatura delle infrastrutture digitali';
    if (s.engine === 'postgres') {
      const out = await runCli(['search', query, '--json'], { env: s.target.env });
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout.split('\n')[0]).results[0].source).toBe('Verbale 12 novembre.docx');
    } else {
      // PGlite has one owner (this process): the same retrieval the CLI runs.
      expect((await search(f.app, query, { k: 3 }))[0].source).toBe('Verbale 12 novembre.docx');
    }
    const history = await documentHistory(s.db, 'Verbale 12 novembre.docx');
    expect(history.map((h) => [h.action, h.actor])).toEqual([['added', 'User U0000000008']]); // the name Slack gives (users.info)
  });

  test('sharing the same file again adds nothing and says so', async () => {
    const bytes = await makeDocx();
    await threadOutcome(shareInDm(LEADER, 'Verbale.docx', bytes).ts);
    const before = await documentCount();
    f.sim.reset();
    expect(await threadOutcome(shareInDm(LEADER, 'Verbale (copia).docx', bytes).ts)).toContain('già in Regia');
    f.sim.reset();
    expect(await threadOutcome(shareInDm(LEADER, 'Verbale.docx', bytes).ts)).toContain('già in Regia');
    expect(await documentCount()).toBe(before);
  });

  test('a broken PDF shared in a cantiere channel with Regia mentioned gets its reason in the thread, and nothing is stored', async () => {
    const fileId = `F${String(++fileCounter).padStart(8, '0')}`;
    f.sim.addFile({ id: fileId, name: 'rotto.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntroncato') });
    const ts = newTs();
    const event = { ...mentionEvent({ channel: C4, user: LEADER, text: 'ecco il verbale', ts }), files: [{ id: fileId, name: 'rotto.pdf' }] };
    await send(f.baseUrl, eventEnvelope(event));
    const outcome = await threadOutcome(ts);
    expect(outcome).toMatch(/^⚠️ Non aggiunto: rotto\.pdf\. Motivo: .*not a valid PDF/);
    expect(await documentCount()).toBe(0);
    // Not answered as a question too.
    expect(f.sim.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts)).toHaveLength(1);
  });

  test('a document shared in a cantiere channel is tagged with that cantiere', async () => {
    const fileId = `F${String(++fileCounter).padStart(8, '0')}`;
    f.sim.addFile({ id: fileId, name: 'nota.md', bytes: new TextEncoder().encode('# Nota\n\nIl tavolo tecnico si riunisce a gennaio con i consorzi.\n') });
    const ts = newTs();
    await send(f.baseUrl, eventEnvelope({ ...mentionEvent({ channel: C4, user: LEADER, text: '', ts }), files: [{ id: fileId, name: 'nota.md' }] }));
    expect(await threadOutcome(ts)).toContain('✅ Aggiunto: nota.md');
    const [doc] = await s.db.query(`SELECT cantieri FROM documents WHERE source = 'nota.md'`);
    expect(doc.cantieri).toContain('c4');
  });

  test('a member who is not a team leader or admin is refused, and the file is never downloaded', async () => {
    const { ts } = shareInDm(MEMBER, 'appunti.docx', await makeDocx());
    expect(await threadOutcome(ts)).toContain('Solo i team leader e gli amministratori');
    expect(f.sim.callsTo('file_download')).toHaveLength(0);
    expect(await documentCount()).toBe(0);
  });

  test('the "Add to Regia" message shortcut adds the files of that message, confirmed in its thread', async () => {
    const fileId = `F${String(++fileCounter).padStart(8, '0')}`;
    f.sim.addFile({ id: fileId, name: 'scheda.md', bytes: new TextEncoder().encode('# Scheda\n\nLa piattaforma dati pubblica i primi insiemi di dati a marzo.\n') });
    const ts = newTs();
    const body = interactiveBody({
      type: 'message_action',
      callback_id: 'add_to_regia',
      team: { id: SIM_BOT.teamId },
      user: { id: LEADER, username: 'leader', name: 'leader', team_id: SIM_BOT.teamId },
      channel: { id: C4, name: 'cantiere-4' },
      message: { type: 'message', user: MEMBER, text: 'ecco la scheda', ts, files: [{ id: fileId, name: 'scheda.md' }] },
      message_ts: ts,
      trigger_id: 'trig-add',
      response_url: f.sim.responseUrl('add'),
    });
    expect((await send(f.baseUrl, body)).status).toBe(200);
    expect(await threadOutcome(ts)).toContain('✅ Aggiunto: scheda.md');
  });

  test('/regia documents lists the documents; an admin removes one and the audit log keeps it; a member cannot', async () => {
    await threadOutcome(shareInDm(LEADER, 'Verbale da rimuovere.docx', await makeDocx()).ts);
    const [doc] = await s.db.query(`SELECT id FROM documents WHERE source = 'Verbale da rimuovere.docx'`);
    f.sim.reset();
    await send(f.baseUrl, slashCommand(f.sim, { text: 'documenti', user: ADMIN, channel: C4 }));
    const list = await f.sim.waitFor((c) => c.method === 'response_url' && JSON.stringify(c.body.blocks ?? []).includes('remove_document'));
    expect(JSON.stringify(list.body.blocks)).toContain('Verbale da rimuovere.docx');

    f.sim.reset();
    await send(f.baseUrl, slashCommand(f.sim, { text: 'documenti', user: MEMBER, channel: C4 }));
    const memberList = await f.sim.waitFor((c) => c.method === 'response_url');
    expect(JSON.stringify(memberList.body.blocks)).toContain('Verbale da rimuovere.docx');
    expect(JSON.stringify(memberList.body.blocks)).not.toContain('remove_document');

    f.sim.reset();
    await send(f.baseUrl, blockAction(f.sim, { user: MEMBER, channel: C4, actionId: 'remove_document', value: String(doc.id) }));
    expect((await f.sim.waitFor((c) => c.method === 'response_url')).body.text).toContain('Solo gli amministratori');
    expect(await documentCount()).toBe(1);

    f.sim.reset();
    await send(f.baseUrl, blockAction(f.sim, { user: ADMIN, channel: C4, actionId: 'remove_document', value: String(doc.id) }));
    expect((await f.sim.waitFor((c) => c.method === 'response_url')).body.text).toContain('Rimosso: «Verbale del cantiere digitale»');
    expect(await documentCount()).toBe(0);
    expect(Number((await s.db.query(`SELECT count(*) AS n FROM chunks`))[0].n)).toBe(0);
    const history = await documentHistory(s.db, 'Verbale da rimuovere.docx');
    expect(history.map((h) => h.action)).toEqual(['added', 'removed']);
  });

  test('/regia board gives an admin a signed link that opens the board, and refuses a member', async () => {
    await send(f.baseUrl, slashCommand(f.sim, { text: 'board', user: ADMIN, channel: C4 }));
    const reply = String((await f.sim.waitFor((c) => c.method === 'response_url')).body.text);
    const url = /http:\/\/\S+\/board\?t=\S+/.exec(reply)?.[0];
    expect(url).toBeDefined();
    const page = await fetch(url!.replace(/^http:\/\/localhost:\d+/, f.baseUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Zona Logistica Semplificata');
    f.sim.reset();
    await send(f.baseUrl, slashCommand(f.sim, { text: 'quadro', user: MEMBER, channel: C4 }));
    expect((await f.sim.waitFor((c) => c.method === 'response_url')).body.text).toContain('Solo gli amministratori');
  });
});

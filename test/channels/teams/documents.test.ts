import { beforeEach, expect, test, vi } from 'vitest';
import { linkCantiere } from '../../../src/channels/teams/refs.ts';
import { search } from '../../../src/core/retrieval/search.ts';
import { linkAccount } from '../../../src/core/identity/link.ts';
import { makeDocx } from '../../ingest/fixtures.ts';
import { runCli } from '../../support/cli.ts';
import { describeEachEngine } from '../../support/db.ts';
import { teamsServerFixture } from '../../support/teams-server.ts';
import { fileAttachment, messageActivity, postActivity, } from '../../support/teams-connector.ts';

// Chat ingestion and a real browser are slow on a busy machine: each test gets two minutes.
vi.setConfig({ testTimeout: 120_000 });

// A team leader of the demo programme (cantiere 8), linked by name on first contact.
const LEADER = { id: '29:leader', name: 'Nicolò Dossena', aadObjectId: 'aad-leader' };
const MEMBER = { id: '29:member', name: 'Maria Rossi', aadObjectId: 'aad-member' };
const CHANNEL = '19:cantiere4@thread.tacv2';

describeEachEngine('Teams: documents sent to Regia', (s) => {
  const f = teamsServerFixture(s);
  beforeEach(async () => {
    // Roles come only through a vouched identity: an admin links the leader's Teams account.
    await linkAccount(s.db, { platform: 'teams', userId: LEADER.aadObjectId, displayName: LEADER.name }, 'Nicolò Dossena', 'test admin');
  });

  /** Sends a 1:1 message with one file; resolves with what Regia finally says about it. */
  async function sendFile(from: typeof LEADER, name: string, bytes: Uint8Array, opts: { channel?: boolean } = {}): Promise<string> {
    const activity = messageActivity('', {
      serviceUrl: f.connector.serviceUrl,
      from,
      ...(opts.channel ? { conversationType: 'channel' as const, conversationId: `${CHANNEL};messageid=${Date.now()}`, mention: true } : {}),
    });
    activity.attachments = [fileAttachment(name, f.connector.hostFile(name, bytes))];
    const before = f.connector.activities.length;
    const res = await postActivity(f.base, activity);
    expect(res.status).toBeLessThan(300);
    const final = (a: (typeof f.connector.activities)[number]) => a.method === 'PUT' || (a.activity.type === 'message' && !String(a.activity.text).startsWith('⏳'));
    await f.connector.waitFor(1, (a) => f.connector.activities.indexOf(a) >= before && final(a), 60_000);
    return String(f.connector.activities.filter((a, i) => i >= before && final(a)).at(-1)!.activity.text);
  }

  test('a DOCX sent in a 1:1 chat by a team leader is downloaded, ingested, confirmed and searchable; twice adds nothing', async () => {
    const bytes = await makeDocx();
    const said = await sendFile(LEADER, 'Verbale 12 novembre.docx', bytes);
    expect(said).toMatch(/^✅ Aggiunto: Verbale 12 novembre\.docx \(«Verbale del cantiere digitale»\), \d+ passagg/);
    expect(f.connector.activities.some((a) => String(a.activity.text).includes('Sto leggendo'))).toBe(true);
    expect(f.connector.downloads).toHaveLength(1);
    const query = 'mappatura delle infrastrutture digitali';
    if (s.engine === 'postgres') {
      const out = await runCli(['search', query, '--json'], { env: s.target.env });
      expect(JSON.parse(out.stdout.split('\n')[0]).results[0].source).toBe('Verbale 12 novembre.docx');
    } else {
      expect((await search(f.app, query, { k: 3 }))[0].source).toBe('Verbale 12 novembre.docx');
    }
    const count = async () => Number((await s.db.query(`SELECT count(*) AS n FROM documents`))[0].n);
    const before = await count();
    expect(await sendFile(LEADER, 'Verbale 12 novembre.docx', bytes)).toContain('già in Regia');
    expect(await count()).toBe(before);
  });

  test('a broken PDF gets its reason; a member is refused without a download', async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntroncato');
    expect(await sendFile(LEADER, 'rotto.pdf', broken)).toMatch(/^⚠️ Non aggiunto: rotto\.pdf\. Motivo: .*not a valid PDF/);
    f.connector.downloads.length = 0;
    expect(await sendFile(MEMBER, 'appunti.docx', await makeDocx())).toContain('Solo i team leader e gli amministratori');
    expect(f.connector.downloads).toHaveLength(0);
  });

  test('a file attached in a cantiere channel with Regia mentioned is tagged with that cantiere', async () => {
    await linkCantiere(s.db, { serviceUrl: f.connector.serviceUrl, conversation: { id: CHANNEL } as never, channelId: 'msteams', bot: { id: '28:regia-bot', name: 'Regia' } } as never, 'c4');
    const said = await sendFile(LEADER, 'nota-c4.md', new TextEncoder().encode('# Nota\n\nIl tavolo tecnico con i consorzi si riunisce a gennaio.\n'), { channel: true });
    expect(said).toContain('✅ Aggiunto: nota-c4.md');
    const [doc] = await s.db.query(`SELECT cantieri FROM documents WHERE source = 'nota-c4.md'`);
    expect(doc.cantieri).toContain('c4');
  });
});

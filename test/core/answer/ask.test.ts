import { expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { ask } from '../../../src/core/answer/ask.ts';
import { recordAnswer } from '../../../src/core/answer/record.ts';
import { saveUpdate } from '../../../src/core/updates/store.ts';
import { loadTestProgramme, seedDocuments, testApp } from '../retrieval/fixtures.ts';

describeEachEngine('ask', (s) => {
  const setup = async () => {
    const app = testApp(s.db);
    await loadTestProgramme(s.db);
    await seedDocuments(app);
    return app;
  };

  test('answers from the documents with citations when no update was logged', async () => {
    const app = await setup();
    const a = await ask(app, { question: "what's the status of PLF?" });
    expect(a).toMatchObject({ abstained: false, intent: 'status', language: 'en' });
    expect(a.answer).toMatch(/Polo Logistico Fluviale/);
    expect(a.answer).toMatch(/\[1\]/);
    expect(a.citations[0].source).toBe('nota-plf.md');
  });

  test('a status question takes the latest logged update together with the documents', async () => {
    const app = await setup();
    const actor = { platform: 'cli' as const, userId: 'u1', displayName: 'Giulia Ferri' };
    await saveUpdate(app, { project: 'plf', status: 'on_track', progress: 40, summary: 'Consegnato il progetto della banchina', next_steps: null, blockers: null, due_date: null }, actor, { source: 'form', createdAt: new Date('2026-11-01T10:00:00Z') });
    const latest = await saveUpdate(app, { project: 'plf', status: 'at_risk', progress: 55, summary: 'Parere regionale in ritardo', next_steps: null, blockers: 'manca il parere', due_date: null }, actor, { source: 'message', createdAt: new Date('2026-11-10T10:00:00Z') });
    const a = await ask(app, { question: 'a che punto è il PLF?', now: new Date('2026-11-12T10:00:00Z') });
    expect(a.intent).toBe('status');
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('Parere regionale in ritardo');
    expect(a.answer).not.toContain('Consegnato il progetto');
    expect(a.citations[0].source).toBe(`update:${latest.id}`);
    expect(a.citations.some((c) => c.source === 'nota-plf.md')).toBe(true);
  });

  test('who coordinates a cantiere comes from the programme file', async () => {
    const app = await setup();
    const a = await ask(app, { question: 'chi coordina il cantiere 2?' });
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('Giulia Ferri');
    expect(a.citations[0]).toMatchObject({ n: 1, source: 'programme:c2' });
  });

  test('abstains, with the closest sources, when the documents do not say', async () => {
    const app = await setup();
    const a = await ask(app, { question: 'quanto costerà la banchina del Polo Logistico Fluviale?' });
    expect(a.abstained).toBe(true);
    expect(a.answer).toMatch(/^Non lo so/);
    expect(a.citations[0].source).toBe('nota-plf.md');
  });

  test('a follow-up borrows the topic of the previous question', async () => {
    const app = await setup();
    const a = await ask(app, {
      question: 'e quali sono i rischi?',
      history: [
        { role: 'user', text: 'a che punto è il Polo Logistico Fluviale?' },
        { role: 'assistant', text: '...' },
      ],
    });
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('parere della Regione');
  });

  test('says there is nothing to search when no document was ingested', async () => {
    await loadTestProgramme(s.db);
    const a = await ask(testApp(s.db), { question: 'who opened the meeting?' });
    expect(a.abstained).toBe(true);
    expect(a.answer).toMatch(/no documents have been ingested/);
  });

  test('help gets a short guide, not a search', async () => {
    const a = await ask(testApp(s.db), { question: 'aiuto' });
    expect(a).toMatchObject({ intent: 'help', abstained: false, citations: [] });
    expect(a.answer).toMatch(/Regia/);
  });

  test('recordAnswer stores what a channel sent and returns its id for feedback', async () => {
    const app = await setup();
    const a = await ask(app, { question: 'chi ha aperto la riunione del cantiere energia?' });
    const id = await recordAnswer(app, { platform: 'slack', conversationId: 'C1', threadRef: '171.5', userId: 'U1', question: 'chi ha aperto...', answer: a, latencyMs: 12.4 });
    const [row] = await s.db.query(`SELECT * FROM answers WHERE id = $1`, [id]);
    expect(row).toMatchObject({ platform: 'slack', thread_ref: '171.5', abstained: a.abstained, intent: a.intent, latency_ms: 12 });
    expect(row.citations).toEqual(a.citations);
    expect(a.answer).toContain('Marco Bellini');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExtractiveWriter } from '../../../src/core/answer/extractive.ts';
import { LlmWriter } from '../../../src/core/answer/llm.ts';
import { JsonFieldReader } from '../../../src/core/answer/llm-stream.ts';
import { SentenceSplitter } from '../../../src/core/answer/citations.ts';
import type { Passage } from '../../../src/core/answer/passages.ts';
import { analyzeQuery } from '../../../src/core/retrieval/query.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.ts';

const passages: Passage[] = [
  { n: 1, rank: 1, source: 'nota-plf.md', title: 'Nota PLF', section: 'Stato', text: 'Il protocollo con i Comuni è stato firmato a settembre 2026; lo studio di fattibilità è al 60%.' },
  { n: 2, rank: 2, source: 'nota-plf.md', title: 'Nota PLF', section: 'Rischi', text: 'Il rischio principale è il parere della Regione.' },
];
const input = (question: string) => ({ analysis: analyzeQuery(question, null), passages });

describe('streamed LLM answers', () => {
  let fake: FakeOpenAI;
  let reply: (body: any) => any = () => '{"answer":"ok [1]"}';
  beforeAll(async () => {
    fake = await startFakeOpenAI({ chat: (body) => reply(body) });
  });
  afterAll(() => fake.close());
  const writer = () => new LlmWriter({ baseURL: fake.url, apiKey: 'k', model: 'm', timeoutMs: 3000, fallback: new ExtractiveWriter() });

  test('checked sentences reach the sink as they come; a claim citing a passage it was not given never shows', async () => {
    fake.requests.length = 0;
    const answer = 'Il protocollo è stato firmato a settembre 2026 [1]. Il budget è di 9 milioni [5]. Il rischio è il parere "regionale" [2].\nLo studio è al 60% [1].';
    reply = () => ({ content: JSON.stringify({ answer, abstain: false }), chunks: JSON.stringify({ answer, abstain: false }).match(/.{1,7}/gs)! });
    const pieces: string[] = [];
    const a = await writer().write(input('a che punto è il PLF?'), { text: (t) => void pieces.push(t) });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].body.stream).toBe(true);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.join('')).not.toContain('9 milioni');
    expect(a.answer).toBe('Il protocollo è stato firmato a settembre 2026 [1]. Il rischio è il parere "regionale" [2].\nLo studio è al 60% [1].');
    expect(pieces.join('').trimEnd()).toBe(a.answer);
    expect(a.citations.map((c) => c.section)).toEqual(['Stato', 'Rischi']);
  });

  test('a server that ignores `stream` still answers (asked again without streaming)', async () => {
    fake.requests.length = 0;
    reply = () => ({ content: JSON.stringify({ answer: 'Firmato a settembre 2026 [1].' }), ignoreStream: true });
    const pieces: string[] = [];
    const a = await writer().write(input('quando è stato firmato il protocollo?'), { text: (t) => void pieces.push(t) });
    expect(a.answer).toBe('Firmato a settembre 2026 [1].');
    expect(fake.requests.map((r) => r.body.stream ?? false)).toEqual([true, false]);
  });

  test('an abstention after streaming comes back as the final answer', async () => {
    reply = () => JSON.stringify({ answer: 'Non lo so.', abstain: true });
    const a = await writer().write(input('quanto costa il PLF?'), { text: () => {} });
    expect(a.abstained).toBe(true);
  });
});

describe('stream parsing', () => {
  test('the JSON answer field decodes across pieces, escapes included', () => {
    const r = new JsonFieldReader('answer');
    const raw = JSON.stringify({ answer: 'a "b"\nc \u00e8 \\ d', abstain: false });
    let out = '';
    for (const piece of raw.match(/.{1,3}/gs)!) out += r.push(piece);
    expect(out).toBe('a "b"\nc è \\ d');
    expect(r.done).toBe(true);
  });

  test('sentences are never cut inside a citation marker', () => {
    const s = new SentenceSplitter();
    expect(s.push('Uno [1')).toEqual([]);
    expect(s.push(', 2]. Due')).toEqual(['Uno [1, 2]. ']);
    expect(s.push(' [2]. ')).toEqual([]);
    expect(s.push('Tre')).toEqual(['Due [2]. ']);
    expect(s.rest()).toBe('Tre');
  });
});

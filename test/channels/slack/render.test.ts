import { expect, test } from 'vitest';
import { renderAnswer } from '../../../src/channels/slack/render/answer-blocks.ts';
import { BLOCK_LIMITS } from '../../../src/channels/slack/render/limits.ts';

const SECTION_TEXT_MAX = BLOCK_LIMITS.sectionText;
const BLOCKS_PER_MESSAGE = BLOCK_LIMITS.message;
import { splitText, toMrkdwn } from '../../../src/channels/slack/render/mrkdwn.ts';
import { parseRegiaCommand } from '../../../src/channels/slack/commands/regia.ts';
import type { Answer } from '../../../src/core/types.ts';

test('Markdown becomes Slack mrkdwn: bold, italics, links in sight, headings, bullets; & < > escaped; code untouched', () => {
  expect(toMrkdwn('**ZLS** is *on track*, see [the plan](https://example.org/p?a=1&b=2).')).toBe(
    '*ZLS* is _on track_, see the plan (https://example.org/p?a=1&amp;b=2).',
  );
  // A label never hides the address (an answer may quote anyone's text): no `<url|label>` link.
  expect(toMrkdwn('[Verbale firmato](https://evil.example/login) and [https://a.example](https://a.example)')).toBe(
    'Verbale firmato (https://evil.example/login) and https://a.example',
  );
  expect(toMrkdwn('## Next steps\n- sign <the> protocol\n- `a**b**`')).toBe('*Next steps*\n• sign &lt;the&gt; protocol\n• `a**b**`');
  expect(toMrkdwn('R&D ~~old~~')).toBe('R&amp;D ~old~');
});

test('long text is split on sentence boundaries within the section limit', () => {
  const text = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} says something.`).join(' ');
  const parts = splitText(text, SECTION_TEXT_MAX);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) {
    expect(p.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(p.endsWith('.')).toBe(true);
  }
  expect(parts.join(' ')).toBe(text);
});

test('a very long answer with many sources becomes several messages of at most 50 blocks, feedback on the last', () => {
  const answer: Answer = {
    answer: 'word '.repeat(40_000).trim(),
    abstained: false,
    intent: 'fact',
    language: 'en',
    citations: Array.from({ length: 30 }, (_, i) => ({ n: i + 1, source: `doc${i}.md`, title: `Doc ${i}`, section: 'Intro', quote: 'q '.repeat(200) })),
  };
  const messages = renderAnswer(answer, 7);
  expect(messages.length).toBeGreaterThan(1);
  for (const m of messages) {
    expect(m.blocks.length).toBeLessThanOrEqual(BLOCKS_PER_MESSAGE);
    for (const b of m.blocks as any[]) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(m.text.length).toBeLessThanOrEqual(3000);
  }
  const last = messages.at(-1)!.blocks.at(-1) as any;
  expect(last.type).toBe('actions');
  expect(last.elements.map((e: any) => e.value)).toEqual(['good:7', 'bad:7']);
  expect(JSON.stringify(messages)).toContain('[30] *Doc 29* - Intro');
});

test('/regia keywords in English and Italian, free text is a question', () => {
  expect(parseRegiaCommand('stato zls', 'en')).toEqual({ sub: 'status', arg: 'zls', lang: 'it' });
  expect(parseRegiaCommand('update', 'it')).toEqual({ sub: 'update', arg: '', lang: 'en' });
  expect(parseRegiaCommand('riepilogo c4', 'en')).toMatchObject({ sub: 'digest', arg: 'c4', lang: 'it' });
  expect(parseRegiaCommand('aiuto', 'en')).toMatchObject({ sub: 'help', lang: 'it' });
  expect(parseRegiaCommand('chi coordina il cantiere 8?', 'en')).toMatchObject({ sub: 'ask', arg: 'chi coordina il cantiere 8?', lang: 'it' });
  expect(parseRegiaCommand('', 'it')).toMatchObject({ sub: 'help' });
});

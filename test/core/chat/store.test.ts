import { expect, test } from 'vitest';
import { claimEvent, pruneEvents, releaseEvent } from '../../../src/core/chat/events.ts';
import { recordFeedback } from '../../../src/core/chat/feedback.ts';
import { conversationHistory } from '../../../src/core/chat/history.ts';
import { recordAnswer } from '../../../src/core/answer/record.ts';
import { describeEachEngine } from '../../support/db.ts';

const answer = (text: string) => ({ answer: text, abstained: false, intent: 'fact' as const, language: 'en' as const, citations: [] });

describeEachEngine('chat bookkeeping', (s) => {
  test('an event is claimed once per platform; a released claim can be taken again', async () => {
    expect(await claimEvent(s.db, 'slack', 'event:1')).toBe(true);
    expect(await claimEvent(s.db, 'slack', 'event:1')).toBe(false);
    expect(await claimEvent(s.db, 'teams', 'event:1')).toBe(true);
    await releaseEvent(s.db, 'slack', 'event:1');
    expect(await claimEvent(s.db, 'slack', 'event:1')).toBe(true);
  });

  test('old claims are pruned on every platform, recent ones kept', async () => {
    await s.db.query(
      `INSERT INTO processed_events (platform, event_id, received_at) VALUES
         ('slack', 'old-s', now() - interval '8 days'), ('teams', 'old-t', now() - interval '8 days'), ('teams', 'new-t', now())`,
    );
    expect(await pruneEvents(s.db)).toBe(2);
    const left = await s.db.query<{ event_id: string }>(`SELECT event_id FROM processed_events ORDER BY event_id`);
    expect(left.map((r) => r.event_id)).toEqual(['new-t']);
  });

  test('history: the last N question/answer pairs of one thread, oldest first; feedback replaces a second click', async () => {
    for (const q of ['one', 'two', 'three']) {
      await recordAnswer({ db: s.db }, { platform: 'teams', conversationId: 'c', threadRef: 't1', question: q, answer: answer(`re ${q}`), latencyMs: 1 });
    }
    const id = await recordAnswer({ db: s.db }, { platform: 'slack', threadRef: 't1', question: 'other', answer: answer('x'), latencyMs: 1 });
    const turns = await conversationHistory(s.db, 'teams', 't1', 2);
    expect(turns.map((t) => t.text)).toEqual(['two', 're two', 'three', 're three']);

    expect(await recordFeedback(s.db, id, 'slack', 'U1', 1)).toBe('en');
    expect(await recordFeedback(s.db, id, 'slack', 'U1', -1)).toBe('en');
    expect(await s.db.query(`SELECT value FROM feedback WHERE answer_id = $1`, [id])).toEqual([{ value: -1 }]);
    expect(await recordFeedback(s.db, 999_999, 'slack', 'U1', 1)).toBeNull();
  });
});

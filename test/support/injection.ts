import { expect } from 'vitest';

/**
 * Text that Slack or Teams would read as markup if it went out as written: a broadcast, a
 * mention, a link with a misleading label, and a bare `&`.
 */
export const INJECTED = 'R&D <!channel> <!here> <@U123> <https://evil.example|click>';
const LIVE_SLACK = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example|click>'];

/** Every top-level `text` and mrkdwn text object of a Slack payload (messages and views). */
export function slackMrkdwnTexts(payload: Record<string, any>): string[] {
  const out: string[] = [];
  if (typeof payload.text === 'string' && payload.mrkdwn !== false) out.push(payload.text);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'mrkdwn' && typeof n.text === 'string') out.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(payload.blocks);
  walk(payload.view?.blocks);
  return out;
}

/**
 * The injected text appears in the payload, and only as literal text: escaped in mrkdwn, so
 * Slack shows `<!channel>` instead of notifying the channel.
 */
export function expectLiteralOnSlack(payload: Record<string, any>): void {
  const texts = slackMrkdwnTexts(payload);
  const all = texts.join('\n');
  for (const live of LIVE_SLACK) expect(all, `live ${live} in a Slack payload`).not.toContain(live);
  for (const t of texts) expect(t, 'an unescaped & in Slack text').not.toMatch(/&(?!(amp|lt|gt);)/);
  expect(all).toContain('R&amp;D &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt;');
}

/** Every TextBlock / FactSet text of a Teams activity's cards, and its plain text. */
export function teamsTexts(activity: Record<string, any>): string[] {
  const out: string[] = [];
  if (typeof activity.text === 'string') out.push(activity.text);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, any>;
      if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
      if (n.type === 'FactSet') for (const f of n.facts ?? []) out.push(f.title, f.value);
      for (const [k, v] of Object.entries(n)) if (k !== 'data') walk(v);
    }
  };
  walk(activity.attachments);
  walk(activity.value);
  return out;
}

/** The `<at>` mentions a card declares in `msteams.entities`: Regia's own, the only live markup allowed. */
function declaredMentions(activity: Record<string, any>): string[] {
  const cards = [...(activity.attachments ?? []).map((a: any) => a.content), activity.value].filter(Boolean);
  return cards.flatMap((c: any) => (c.msteams?.entities ?? []).filter((e: any) => e.type === 'mention').map((e: any) => e.text as string));
}

/** The injected text appears as plain text on Teams: visible, but no mention, tag or link (other than Regia's own mentions). */
export function expectPlainOnTeams(activity: Record<string, any>): void {
  const own = declaredMentions(activity);
  const texts = teamsTexts(activity).map((t) => own.reduce((acc, m) => acc.split(m).join(''), t));
  for (const t of texts) {
    expect(t, 'a tag, <at> mention or autolink in Teams text').not.toMatch(/<[A-Za-z/!@#?]/);
    expect(t, 'a Markdown link in Teams text').not.toMatch(/\]\(/);
  }
  expect(texts.join('\n').replace(/\u2060/g, '')).toContain(INJECTED);
}

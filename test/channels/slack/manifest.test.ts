import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../support/cli.ts';

/** The bot scopes each Web API method Regia calls needs (Slack's method reference); [] for none. */
const SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'assistant.threads.setStatus': ['assistant:write'],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.startStream': ['chat:write'],
  'chat.appendStream': ['chat:write'],
  'chat.stopStream': ['chat:write'],
  // Public channels, private channels, DMs: where a thread Regia answers in can be.
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  'conversations.open': ['im:write'],
  'files.info': ['files:read'],
  'files.uploadV2': ['files:write'],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('the Slack manifest asks for the scope of every Web API method the Slack channel calls', () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifests', 'slack.yaml'), 'utf8'));
  const granted = new Set<string>(manifest.oauth_config.scopes.bot);
  const call = /\bclient\s*\.\s*(auth|assistant|chat|conversations|files|reactions|users|views)\s*\.\s*(\w+)(?:\s*\.\s*(\w+))?\s*\(/g;
  const used = new Set<string>();
  for (const file of sources(join(ROOT, 'src', 'channels', 'slack'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) used.add([m[1], m[2], m[3]].filter(Boolean).join('.'));
  }
  expect(used).toContain('conversations.replies');
  for (const method of used) {
    expect(SCOPES, `${method} is called: add the scopes it needs to this table and to the manifest`).toHaveProperty([method]);
    for (const scope of SCOPES[method]) expect(granted, `${method} needs ${scope}`).toContain(scope);
  }
});

import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { redactUrl } from '../db/url.ts';
import { maskSecrets } from '../src/log.ts';

const load = (env: Record<string, string>) => loadConfig(env, { dotenv: false });

test('no configuration at all gives the embedded defaults', () => {
  const c = load({});
  expect(c).toMatchObject({ dataDir: './.regia', port: 3000, demo: true, updatePolicy: 'team_leaders', maxFileBytes: 50 * 1024 * 1024 });
  expect(c.databaseUrl).toBeUndefined();
  expect(c.openai).toBeUndefined();
  expect(c.slack).toBeUndefined();
});

test('a malformed variable is named with what is expected, in one line', () => {
  expect(() => load({ PORT: 'abc' })).toThrow(ConfigError);
  expect(() => load({ PORT: 'abc' })).toThrow(/^PORT: expected a TCP port number/);
  expect(() => load({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: expected a postgres:\/\//);
  expect(() => load({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/^SLACK_SIGNING_SECRET/);
  expect(() => load({ OPENAI_BASE_URL: 'not a url' })).toThrow(/^OPENAI_BASE_URL/);
  for (const bad of [{ PORT: "abc" }, { REGIA_MAX_FILE_MB: "-3" }] as Record<string, string>[]) {
    try {
      load(bad);
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  }
});

test('secrets never reach messages', () => {
  const url = 'postgres://regia:s3cr3t@db.local:5432/regia';
  expect(redactUrl(url)).not.toContain('s3cr3t');
  expect(maskSecrets(`cannot connect to ${url} with xoxb-123-456-abc and sk-abcdefghijkl`)).not.toMatch(/s3cr3t|xoxb-123|sk-abcdefghijkl/);
  const err = (() => {
    try {
      load({ DATABASE_URL: 'postgres://u:topsecret@h/db', PORT: 'x' });
    } catch (e) {
      return (e as Error).message;
    }
  })();
  expect(err).not.toContain('topsecret');
});

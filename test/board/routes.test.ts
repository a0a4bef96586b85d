import { describe, expect, it, vi } from 'vitest';
import { createBoardToken } from '../../src/board/link.ts';
import { runCli } from '../support/cli.ts';
import { describeEachEngine } from '../support/db.ts';
import { SECRET, useSeededBoard } from './support.ts';

// The CLI runs in a subprocess, slow on a busy machine: each test gets two minutes.
vi.setConfig({ testTimeout: 120_000 });

describeEachEngine(
  'status board over HTTP',
  (s) => {
    const board = useSeededBoard(s);

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${board.svc.base}${path}`, { headers });

    it('gives no data without a valid link: 401 with none, 403 when tampered, expired or signed with another secret', async () => {
      const link = new URL(await board.svc.link());
      const token = link.searchParams.get('t')!;
      const cases: [string, number][] = [
        ['/board', 401],
        ['/board/projects/zls', 401],
        ['/board/events', 401],
        [`/board?t=${token.slice(0, -2)}xx`, 403],
        [`/board?t=${createBoardToken(SECRET, new Date(Date.now() - 1000))}`, 403],
        [`/board?t=${createBoardToken('another-secret-of-enough-length-000000000', new Date(Date.now() + 3_600_000))}`, 403],
        [`/board/projects/zls?t=garbage`, 403],
      ];
      for (const [path, status] of cases) {
        const res = await get(path);
        const body = await res.text();
        expect(res.status, path).toBe(status);
        expect(body, path).not.toMatch(/Zona Logistica|Hub Dati|Giulia Ferri/);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      const expired = await (await get(`/board?t=${createBoardToken(SECRET, new Date(Date.now() - 1000))}`, { 'Accept-Language': 'en' })).text();
      expect(expired).toContain('This link has expired');
    });

    it('serves the board with a valid link, in the browser’s language, read-only', async () => {
      const link = new URL(await board.svc.link());
      const it = await get(`${link.pathname}${link.search}`, { 'Accept-Language': 'it-IT,it;q=0.9,en;q=0.5' });
      expect(it.status).toBe(200);
      const html = await it.text();
      expect(html).toContain('<html lang="it"');
      expect(html).toContain('Zona Logistica Semplificata');
      expect(html).toContain('Manca il parere della Camera di Commercio.');
      const en = await (await get(`${link.pathname}${link.search}`, { 'Accept-Language': 'en-GB,en;q=0.9' })).text();
      expect(en).toContain('<html lang="en"');
      expect(en).toContain('At risk');
      const forced = await (await get(`${link.pathname}${link.search}&lang=it`, { 'Accept-Language': 'en' })).text();
      expect(forced).toContain('<html lang="it"');
      const post = await fetch(`${board.svc.base}${link.pathname}${link.search}`, { method: 'POST' });
      expect(post.status).toBe(404);
    });

    it('opens the event stream with a valid link and tells a page rendered on an old marker at once', async () => {
      const link = new URL(await board.svc.link());
      const controller = new AbortController();
      const res = await fetch(`${board.svc.base}/board/events${link.search}&since=stale-marker`, { signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('event: change')) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      expect(text).toMatch(/id: \d+\.\d+\.\d+\.\d+\.\d+/);
    });

    it('prints a signed link the running service accepts, without opening the database', async () => {
      const out = await runCli(['board', '--url', '--json'], { env: { ...s.target.env, REGIA_BOARD_SECRET: SECRET, REGIA_PUBLIC_URL: board.svc.base, REGIA_BOARD_LINK_HOURS: '2' } });
      expect(out.stderr).toBe('');
      const link = JSON.parse(out.stdout) as { url: string; expires_at: string };
      expect(link.url.startsWith(`${board.svc.base}/board?t=`)).toBe(true);
      expect(Date.parse(link.expires_at) - Date.now()).toBeGreaterThan(2 * 3_600_000 - 120_000);
      const res = await fetch(link.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Zona Logistica Semplificata');
    });

    it('refuses a secret too short to sign with', async () => {
      const out = await runCli(['board', '--url'], { env: { ...s.target.env, REGIA_BOARD_SECRET: 'short' } });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('REGIA_BOARD_SECRET: expected a secret of at least 32 characters');
    });

    it('answers 404 for a project that is not in the programme', async () => {
      const link = new URL(await board.svc.link());
      const res = await get(`/board/projects/nope${link.search}`);
      expect(res.status).toBe(404);
    });
  },
  { reset: false },
);

describe('board links', () => {
  it('are not accepted in another shape', async () => {
    const { verifyBoardToken } = await import('../../src/board/link.ts');
    const good = createBoardToken(SECRET, new Date(Date.now() + 60_000));
    expect(verifyBoardToken(SECRET, good).ok).toBe(true);
    expect(verifyBoardToken(SECRET, `${good}.x`)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyBoardToken(SECRET, good.replace(/^b1/, 'b2'))).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyBoardToken(SECRET, undefined)).toEqual({ ok: false, reason: 'missing' });
    // A later expiry with the old signature is a forgery.
    const [v, exp, sig] = good.split('.');
    expect(verifyBoardToken(SECRET, `${v}.${(parseInt(exp, 36) + 3600).toString(36)}.${sig}`)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

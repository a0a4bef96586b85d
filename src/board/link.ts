import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app.ts';

/**
 * Signed, expiring links to the status board. A token is `b1.<expiry, base36 seconds>.<HMAC>`;
 * it grants read-only access to the whole board until it expires. No per-person identity: the
 * link is what an admin shares on a projector or in a meeting invite.
 */

const VERSION = 'b1';
const SECRET_SETTING = 'board_link_secret';

export type LinkCheck = { ok: true; expiresAt: Date } | { ok: false; reason: 'missing' | 'malformed' | 'bad_signature' | 'expired' };

function sign(secret: string, expirySeconds: number): string {
  return createHmac('sha256', secret).update(`${VERSION}:board:${expirySeconds}`).digest('base64url');
}

export function createBoardToken(secret: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${VERSION}.${exp.toString(36)}.${sign(secret, exp)}`;
}

export function verifyBoardToken(secret: string, token: string | undefined, now: Date = new Date()): LinkCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const [version, expText, signature, ...rest] = token.split('.');
  if (version !== VERSION || !expText || !signature || rest.length || !/^[0-9a-z]+$/.test(expText)) return { ok: false, reason: 'malformed' };
  const exp = parseInt(expText, 36);
  const expected = Buffer.from(sign(secret, exp));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt: new Date(exp * 1000) };
}

/**
 * The signing secret: REGIA_BOARD_SECRET, or one generated on first use and kept in `settings`
 * so links survive a restart with no configuration (one machine; replicas need the variable).
 */
export async function boardSecret(app: Pick<AppContext, 'config' | 'db'>): Promise<string> {
  if (app.config.board.secret) return app.config.board.secret;
  const fresh = JSON.stringify(randomBytes(32).toString('hex'));
  await app.db.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING`, [SECRET_SETTING, fresh]);
  const [row] = await app.db.query<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [SECRET_SETTING]);
  return row.value;
}

export function publicBaseUrl(config: AppContext['config']): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/** A link to the board valid for the configured lifetime, signed with `secret`. */
export function signedBoardLink(config: AppContext['config'], secret: string, opts: { baseUrl?: string; now?: Date } = {}): { url: string; expiresAt: Date } {
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + config.board.linkHours * 3_600_000);
  return { url: `${opts.baseUrl ?? publicBaseUrl(config)}/board?t=${createBoardToken(secret, expiresAt)}`, expiresAt };
}

/** The link an admin gets in chat or from `regia board --url`. */
export async function boardLink(app: Pick<AppContext, 'config' | 'db'>, opts: { baseUrl?: string; now?: Date } = {}): Promise<{ url: string; expiresAt: Date }> {
  return signedBoardLink(app.config, await boardSecret(app), opts);
}

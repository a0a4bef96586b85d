import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'regia-teams-pkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a zip through its central directory, checking every entry's CRC (an independent reader). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data) >>> 0).toBe(crc);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function runPackage(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'teams-package.mjs'), ...args], {
    cwd: dir, // no .env here
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

test('npm run teams:package builds a zip with the manifest (bot id filled in) and both icons', () => {
  const appId = '0b6c5f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
  const out = join(dir, 'regia-teams.zip');
  const res = runPackage(['--out', out], { MicrosoftAppId: appId });
  expect(res.status, res.stderr).toBe(0);
  const files = unzip(readFileSync(out));
  expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  expect(manifest.id).toBe(appId);
  expect(manifest.bots[0].botId).toBe(appId);
  expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
  expect(manifest.bots[0].commandLists.flatMap((l: any) => l.commands.map((c: any) => c.title))).toContain('collega cantiere 4');
  expect(JSON.stringify(manifest)).not.toContain('{{');
  const png = (name: string) => {
    const b = files.get(name)!;
    expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25] };
  };
  expect(png(manifest.icons.color)).toEqual({ width: 192, height: 192, colorType: 6 });
  expect(png(manifest.icons.outline)).toEqual({ width: 32, height: 32, colorType: 6 });
  // Same input, same bytes: the package is reproducible.
  runPackage(['--out', join(dir, 'again.zip')], { MicrosoftAppId: appId });
  expect(readFileSync(join(dir, 'again.zip')).equals(readFileSync(out))).toBe(true);
});

test('without a valid app id the package is refused with a message naming MicrosoftAppId', () => {
  const missing = runPackage(['--out', join(dir, 'x.zip')]);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/MicrosoftAppId/);
  const bad = runPackage(['--out', join(dir, 'x.zip'), '--app-id', 'not-a-guid']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/must be a GUID/);
});

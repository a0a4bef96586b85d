import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
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
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'teams-package.ts'), ...args], {
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
  const color = PNG.sync.read(files.get(manifest.icons.color)!);
  const outline = PNG.sync.read(files.get(manifest.icons.outline)!);
  expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
  // Without configured developer URLs the package is still built, with a warning naming the variables.
  expect(res.stderr).toMatch(/TEAMS_WEBSITE_URL/);
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

/** Pixels as [r, g, b, a] tuples with their coordinates. */
function pixels(png: PNG): { x: number; y: number; rgba: number[] }[] {
  const out = [];
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) {
    const i = (y * png.width + x) * 4;
    out.push({ x, y, rgba: [...png.data.subarray(i, i + 4)] });
  }
  return out;
}

test('the icons follow Teams\' rules: colour full-bleed with the logo in the 120x120 safe area, outline white on transparent', () => {
  const dir = join(ROOT, 'manifests', 'teams');
  const color = PNG.sync.read(readFileSync(join(dir, 'color.png')));
  const px = pixels(color);
  expect(px.filter((p) => p.rgba[3] < 255)).toEqual([]); // no transparent rounded corners: Teams rounds them itself
  const background = px[0].rgba.join();
  const logo = px.filter((p) => p.rgba.join() !== background);
  expect(logo.length).toBeGreaterThan(500);
  const xs = logo.map((p) => p.x);
  const ys = logo.map((p) => p.y);
  for (const v of [Math.min(...xs), Math.min(...ys)]) expect(v).toBeGreaterThanOrEqual(36);
  for (const v of [Math.max(...xs), Math.max(...ys)]) expect(v).toBeLessThanOrEqual(155);

  const outline = PNG.sync.read(readFileSync(join(dir, 'outline.png')));
  const opx = pixels(outline);
  expect(opx.filter((p) => p.rgba[3] > 0 && p.rgba.slice(0, 3).join() !== '255,255,255')).toEqual([]);
  expect(opx.filter((p) => p.rgba[3] === 0).length).toBeGreaterThan(opx.length / 3);
  expect(opx.filter((p) => p.rgba[3] === 255).length).toBeGreaterThan(50);
});

test('the app id, developer name and URLs come from configuration', () => {
  const out = join(dir, 'configured.zip');
  const res = runPackage(['--out', out], {
    MicrosoftAppId: '0b6c5f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
    TEAMS_APP_ID: '5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    TEAMS_DEVELOPER_NAME: 'Provincia di Cremona',
    TEAMS_WEBSITE_URL: 'https://regia.provincia.example.it/',
    TEAMS_PRIVACY_URL: 'https://regia.provincia.example.it/privacy',
    TEAMS_TERMS_URL: 'https://regia.provincia.example.it/terms',
  });
  expect(res.status, res.stderr).toBe(0);
  expect(res.stderr).toBe('');
  const manifest = JSON.parse(unzip(readFileSync(out)).get('manifest.json')!.toString('utf8'));
  expect(manifest.id).toBe('5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b');
  expect(manifest.bots[0].botId).toBe('0b6c5f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f');
  expect(manifest.developer).toEqual({
    name: 'Provincia di Cremona',
    websiteUrl: 'https://regia.provincia.example.it/',
    privacyUrl: 'https://regia.provincia.example.it/privacy',
    termsOfUseUrl: 'https://regia.provincia.example.it/terms',
  });

  const insecure = runPackage(['--out', out], { MicrosoftAppId: '0b6c5f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f', TEAMS_PRIVACY_URL: 'http://plain.example.it/privacy' });
  expect(insecure.status).toBe(2);
  expect(insecure.stderr).toMatch(/TEAMS_PRIVACY_URL: expected an https:\/\/ URL/);
});

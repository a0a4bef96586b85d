#!/usr/bin/env node
// Builds the Microsoft Teams app package (dist/regia-teams.zip): manifests/teams/manifest.json with
// the bot's app id filled in, plus the two icons Teams requires, drawn here (color 192x192,
// outline 32x32 white on transparent). No dependencies: PNG and ZIP are written with node:zlib.
//
//   npm run teams:package [-- --app-id GUID] [-- --out FILE]
//
// The app id comes from --app-id or MicrosoftAppId (environment or .env).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, deflateSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- CRC32 (PNG chunks and ZIP entries use the same one) -------------------------------------
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- PNG: 8-bit RGBA, no filtering --------------------------------------------------------------
function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- The icons: an "R" on a rounded square (color) or alone (outline) -------------------------
// The letter on a 5x7 grid; each cell is drawn as a square block.
const GLYPH_R = ['11110', '10001', '10001', '11110', '10100', '10010', '10001'];

function drawIcon(size, { background, foreground, rounded }) {
  const px = Buffer.alloc(size * size * 4);
  const set = (x, y, [r, g, b, a]) => {
    const i = (y * size + x) * 4;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = a;
  };
  const radius = rounded ? Math.round(size * 0.18) : 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Outside the rounded corners stays transparent.
      const cx = x < radius ? radius - x : x >= size - radius ? x - (size - radius - 1) : 0;
      const cy = y < radius ? radius - y : y >= size - radius ? y - (size - radius - 1) : 0;
      if (background && cx * cx + cy * cy <= radius * radius) set(x, y, background);
    }
  }
  const cell = Math.floor(size / 9);
  const left = Math.floor((size - cell * 5) / 2);
  const top = Math.floor((size - cell * 7) / 2);
  GLYPH_R.forEach((row, gy) =>
    [...row].forEach((on, gx) => {
      if (on !== '1') return;
      for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) set(left + gx * cell + x, top + gy * cell + y, foreground);
    }),
  );
  return encodePng(size, size, px);
}

export function colorIcon() {
  return drawIcon(192, { background: [0x1f, 0x5f, 0xa8, 255], foreground: [255, 255, 255, 255], rounded: true });
}
export function outlineIcon() {
  // Teams wants the outline icon white on a transparent background.
  return drawIcon(32, { background: null, foreground: [255, 255, 255, 255], rounded: false });
}

// ---- ZIP: stored names, deflated data, one central directory ---------------------------------
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  // 1980-01-01 00:00 in DOS format: a fixed date keeps the package byte-for-byte reproducible.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const body = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

// ---- main --------------------------------------------------------------------------------------
function argValue(args, name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args) {
  // Like every regia command: .env in the working directory (npm runs scripts from the project root).
  if (existsSync('.env')) {
    const { config } = await import('dotenv');
    config({ quiet: true });
  }
  const appId = (argValue(args, '--app-id') ?? process.env.MicrosoftAppId ?? '').trim();
  const out = resolve(argValue(args, '--out') ?? join(ROOT, 'dist', 'regia-teams.zip'));
  if (!appId) {
    console.error('teams:package: set MicrosoftAppId (the bot registration\'s app id) or pass --app-id GUID');
    return 2;
  }
  if (!GUID.test(appId)) {
    console.error(`teams:package: MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000, got "${appId}"`);
    return 2;
  }
  const template = readFileSync(join(ROOT, 'manifests', 'teams', 'manifest.json'), 'utf8');
  const manifest = JSON.parse(template.replaceAll('{{MicrosoftAppId}}', appId));
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  if (version) manifest.version = version;
  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip(files));
  console.log(`teams:package: wrote ${out} (manifest ${manifest.version}, bot ${appId}); upload it in Teams > Apps > Manage your apps > Upload an app`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}

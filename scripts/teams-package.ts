// Builds the Microsoft Teams app package (dist/regia-teams.zip): manifests/teams/manifest.json with
// the app id, bot id, developer name and URLs from configuration, plus the two icons next to it
// (color.png 192x192 full-bleed, outline.png 32x32 white on transparent; SVG sources in icons/).
//
//   npm run teams:package [-- --app-id GUID] [-- --out FILE]
//
// Configuration (environment or .env): MicrosoftAppId (the bot), TEAMS_APP_ID (the Teams app,
// default the bot's id), TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { ConfigError, loadTeamsPackageConfig, type TeamsPackageConfig } from '../src/config.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE_DIR = join(ROOT, 'manifests', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER_HOST = /^https:\/\/example\.(org|com)\//;
// A fixed date keeps the package byte-for-byte reproducible.
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

type Manifest = Record<string, any>;

/** The manifest template with the configured ids and developer fields filled in. */
export function buildManifest(template: string, config: Required<Pick<TeamsPackageConfig, 'appId' | 'botId'>> & TeamsPackageConfig, version?: string): Manifest {
  const manifest: Manifest = JSON.parse(template.replaceAll('{{MicrosoftAppId}}', config.botId));
  manifest.id = config.appId;
  for (const [key, value] of Object.entries(config.developer)) if (value) manifest.developer[key] = value;
  if (version) manifest.version = version;
  return manifest;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function main(args: string[]): number {
  let config: TeamsPackageConfig;
  try {
    config = loadTeamsPackageConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`teams:package: ${err.message}`);
    return 2;
  }
  const flagId = argValue(args, '--app-id')?.trim();
  const botId = flagId || config.botId;
  if (!botId) {
    console.error("teams:package: set MicrosoftAppId (the bot registration's app id) or pass --app-id GUID");
    return 2;
  }
  if (!GUID.test(botId)) {
    console.error(`teams:package: MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000, got "${botId}"`);
    return 2;
  }
  const out = resolve(argValue(args, '--out') ?? join(ROOT, 'dist', 'regia-teams.zip'));
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string | undefined;
  const manifest = buildManifest(readFileSync(join(TEMPLATE_DIR, 'manifest.json'), 'utf8'), { ...config, appId: config.appId ?? botId, botId }, version);

  const file = (data: Uint8Array): [Uint8Array, { mtime: Date }] => [data, { mtime: ZIP_TIME }];
  const zip = zipSync({
    'manifest.json': file(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)),
    [manifest.icons.color]: file(readFileSync(join(TEMPLATE_DIR, manifest.icons.color))),
    [manifest.icons.outline]: file(readFileSync(join(TEMPLATE_DIR, manifest.icons.outline))),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);

  const placeholders = Object.entries(manifest.developer as Record<string, string>).filter(([, v]) => PLACEHOLDER_HOST.test(v));
  if (placeholders.length) {
    console.error(
      `teams:package: the developer URLs are still the template's placeholders (${placeholders.map(([k]) => k).join(', ')}): ` +
        'set TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL and TEAMS_TERMS_URL (and TEAMS_DEVELOPER_NAME) before publishing the app beyond a test tenant',
    );
  }
  console.log(`teams:package: wrote ${out} (manifest ${manifest.version}, app ${manifest.id}, bot ${botId}); upload it in Teams > Apps > Manage your apps > Upload an app`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

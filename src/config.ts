import { config as loadDotenv } from 'dotenv';
import { Cron } from 'croner';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, DEFAULT_DB_IDLE_SECONDS } from './config-defaults.ts';

/** Thrown when the environment is invalid; the message is one line naming the variable. */
export class ConfigError extends Error {}

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = optionalString.pipe(z.url({ message: 'a URL such as http://host:port/' }).optional());
const optionalHttpsUrl = optionalString.pipe(z.url({ protocol: /^https$/, message: 'an https:// URL' }).optional());
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalGuid = optionalString.pipe(z.string().regex(GUID, 'a GUID like 00000000-0000-0000-0000-000000000000').optional());
const positiveInt = (fallback: number, what: string) =>
  z.coerce.number({ message: what }).int(what).positive(what).default(fallback);
const MS = 'a positive whole number of milliseconds';
const optionalMs = optionalString
  .refine((v) => v === undefined || /^[1-9]\d*$/.test(v), MS)
  .transform((v) => (v === undefined ? undefined : Number(v)));
const optionalCron = optionalString.pipe(
  z
    .string()
    .refine((c) => {
      try {
        new Cron(c, { paused: true });
        return true;
      } catch {
        return false;
      }
    }, 'a cron pattern such as "0 9 * * 1"')
    .optional(),
);

const envSchema = z.object({
  REGIA_DATA_DIR: optionalString.transform((v) => v ?? DEFAULT_DATA_DIR),
  // How long the embedded database's server stays up once no Regia process uses it, so that the
  // next command finds it open. 0 (the default): it stops with the last one, so once a command
  // has exited its folder is a stopped database that can be copied, backed up or opened by other
  // tools; a server left running would hold it.
  REGIA_DB_IDLE_SECONDS: z.coerce.number({ message: 'a whole number of seconds' }).int('a whole number of seconds').min(0, 'a whole number of seconds').default(DEFAULT_DB_IDLE_SECONDS),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
      .optional(),
  ),
  REGIA_PROGRAMME: optionalString,
  REGIA_DEMO: z.enum(['auto', 'off'], { message: 'auto or off' }).default('auto'),
  REGIA_MAX_FILE_MB: positiveInt(50, 'a positive whole number of megabytes'),
  REGIA_HISTORY_TURNS: positiveInt(4, 'a positive whole number of question/answer pairs'),
  REGIA_UPDATE_POLICY: z.enum(['team_leaders', 'any_member'], { message: 'team_leaders or any_member' }).default('team_leaders'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  PORT: z.coerce.number({ message: 'a TCP port number' }).int('a TCP port number').min(0, 'a TCP port number').max(65535, 'a TCP port number').default(3000),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  EMBEDDING_MODEL: optionalString,
  LLM_MODEL: optionalString,
  OPENAI_TIMEOUT_MS: positiveInt(20_000, 'a positive whole number of milliseconds'),
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional()),
  SLACK_API_URL: optionalUrl,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  // Teams accepts about one streaming update a second; tests set 0.
  TEAMS_STREAM_INTERVAL_MS: z.coerce.number({ message: 'a whole number of milliseconds' }).int('a whole number of milliseconds').min(0, 'a whole number of milliseconds').default(1000),
  // The Teams app package (npm run teams:package): who publishes it and where people read about it.
  TEAMS_APP_ID: optionalGuid,
  TEAMS_DEVELOPER_NAME: optionalString.pipe(z.string().max(32, 'a name of at most 32 characters').optional()),
  TEAMS_WEBSITE_URL: optionalHttpsUrl,
  TEAMS_PRIVACY_URL: optionalHttpsUrl,
  TEAMS_TERMS_URL: optionalHttpsUrl,
  REGIA_PUBLIC_URL: optionalUrl,
  REGIA_BOARD_SECRET: optionalString.pipe(z.string().min(32, 'a secret of at least 32 characters (e.g. openssl rand -hex 32)').optional()),
  REGIA_BOARD_LINK_HOURS: positiveInt(168, 'a positive whole number of hours'),
  // Operations and test overrides of the digest schedule (the programme file holds the real one).
  REGIA_DIGEST_CRON: optionalCron,
  REGIA_DIGEST_LEASE_MS: optionalMs,
  REGIA_DIGEST_SWEEP_MS: optionalMs,
  REGIA_DIGEST_RETRY_BASE_MS: optionalMs,
  // The work queue: how long a worker's hold on a job lasts without renewal (a dead worker's jobs
  // come back after it), and how many jobs one process works on at once.
  REGIA_JOB_LEASE_MS: optionalMs,
  REGIA_WORKER_CONCURRENCY: positiveInt(4, 'a positive whole number of jobs worked on at once'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  dataDir: string;
  /** How long the embedded database's server outlives its last user, in milliseconds. */
  dbIdleMs: number;
  databaseUrl?: string;
  programmeFile?: string;
  demo: boolean;
  maxFileBytes: number;
  updatePolicy: 'team_leaders' | 'any_member';
  /** Earlier question/answer pairs of a conversation a follow-up question sees (every channel). */
  historyTurns: number;
  logLevel: Env['LOG_LEVEL'];
  port: number;
  openai?: { baseURL?: string; apiKey: string; embeddingModel?: string; llmModel?: string; timeoutMs: number };
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  teams: { appId?: string; appPassword?: string; appType: Env['MicrosoftAppType']; tenantId?: string; streamIntervalMs: number };
  /** Base URL people reach the service at (links Regia hands out); default http://localhost:PORT. */
  publicUrl?: string;
  /** The status board's links: HMAC secret (a generated one is kept in the database when unset) and lifetime. */
  board: { secret?: string; linkHours: number };
  /** Overrides of the digest job; unset means the programme's schedule and the product defaults. */
  digest: { cron?: string; leaseMs?: number; sweepMs?: number; retryBaseMs?: number };
  /** The durable work queue (src/jobs/queue). */
  jobs: { leaseMs?: number; concurrency: number };
}

/** Parses `env` with `schema`; the first problem becomes a one-line ConfigError naming the variable. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: expected ${issue.message} (check your environment or .env)`);
  }
  return parsed.data;
}

/** Reads and validates the environment (after loading `.env` if present). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { dotenv = true } = {}): Config {
  if (dotenv) loadDotenv({ quiet: true });
  const e = parseEnv(envSchema, env);
  const openaiWanted = e.OPENAI_BASE_URL || e.OPENAI_API_KEY || e.LLM_MODEL || e.EMBEDDING_MODEL;
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    throw new ConfigError('SLACK_SIGNING_SECRET: expected the signing secret of the Slack app (required with SLACK_BOT_TOKEN over HTTP)');
  }
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError('SLACK_BOT_TOKEN: expected a bot token starting with xoxb- (Slack is partly configured)');
  }
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppPassword: expected the client secret of the bot registration (required with MicrosoftAppId)');
  }
  return {
    dataDir: e.REGIA_DATA_DIR,
    dbIdleMs: e.REGIA_DB_IDLE_SECONDS * 1000,
    databaseUrl: e.DATABASE_URL,
    programmeFile: e.REGIA_PROGRAMME,
    demo: e.REGIA_DEMO === 'auto',
    maxFileBytes: e.REGIA_MAX_FILE_MB * 1024 * 1024,
    updatePolicy: e.REGIA_UPDATE_POLICY,
    historyTurns: e.REGIA_HISTORY_TURNS,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    openai: openaiWanted
      ? {
          baseURL: e.OPENAI_BASE_URL,
          // Local OpenAI-compatible servers (Ollama, vLLM) accept any key.
          apiKey: e.OPENAI_API_KEY ?? 'not-needed',
          embeddingModel: e.EMBEDDING_MODEL,
          llmModel: e.LLM_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
        }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET ?? '', appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : undefined,
    teams: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      streamIntervalMs: e.TEAMS_STREAM_INTERVAL_MS,
    },
    publicUrl: e.REGIA_PUBLIC_URL,
    board: { secret: e.REGIA_BOARD_SECRET, linkHours: e.REGIA_BOARD_LINK_HOURS },
    digest: {
      cron: e.REGIA_DIGEST_CRON,
      leaseMs: e.REGIA_DIGEST_LEASE_MS,
      sweepMs: e.REGIA_DIGEST_SWEEP_MS,
      retryBaseMs: e.REGIA_DIGEST_RETRY_BASE_MS,
    },
    jobs: { leaseMs: e.REGIA_JOB_LEASE_MS, concurrency: e.REGIA_WORKER_CONCURRENCY },
  };
}

/** What the Teams app package is built from; unset developer fields keep the manifest template's. */
export interface TeamsPackageConfig {
  /** The Teams app's id (manifest `id`); unset, the package uses the bot's id. */
  appId?: string;
  /** The Azure Bot's app id (manifest `bots[].botId`). */
  botId?: string;
  developer: { name?: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string };
}

/**
 * Only the variables the Teams package needs (so building it does not require the bot's secret),
 * validated by the same schema as everything else.
 */
export function loadTeamsPackageConfig(env: NodeJS.ProcessEnv = process.env, { dotenv = true } = {}): TeamsPackageConfig {
  if (dotenv) loadDotenv({ quiet: true });
  const e = parseEnv(
    envSchema.pick({ MicrosoftAppId: true, TEAMS_APP_ID: true, TEAMS_DEVELOPER_NAME: true, TEAMS_WEBSITE_URL: true, TEAMS_PRIVACY_URL: true, TEAMS_TERMS_URL: true }),
    env,
  );
  if (e.MicrosoftAppId && !GUID.test(e.MicrosoftAppId)) {
    throw new ConfigError('MicrosoftAppId: expected a GUID like 00000000-0000-0000-0000-000000000000 (the bot registration\'s app id)');
  }
  return {
    appId: e.TEAMS_APP_ID,
    botId: e.MicrosoftAppId,
    developer: { name: e.TEAMS_DEVELOPER_NAME, websiteUrl: e.TEAMS_WEBSITE_URL, privacyUrl: e.TEAMS_PRIVACY_URL, termsOfUseUrl: e.TEAMS_TERMS_URL },
  };
}

import pino, { type Logger } from 'pino';

export type { Logger };

/** Secret-bearing keys, wherever they appear in a logged object. */
const SECRET_PATHS = [
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.password', '*.appPassword', '*.apiKey',
  '*.authorization', '*.headers.authorization', '*.databaseUrl', 'token', 'password', 'apiKey', 'databaseUrl',
  'config.slack', 'config.openai.apiKey', 'config.teams.appPassword',
];

// Token-shaped strings and URL passwords are masked even inside messages.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/xox[abprs]-[A-Za-z0-9-]+/g, 'xox?-***'],
  [/xapp-[A-Za-z0-9-]+/g, 'xapp-***'],
  [/sk-[A-Za-z0-9_-]{8,}/g, 'sk-***'],
  [/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@'],
  [/(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g, '$1***'],
];

export function maskSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, [re, to]) => acc.replace(re, to), text);
}

/** Structured logs go to stderr so stdout stays clean for `--json` output and the console chat. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      name: 'regia',
      level,
      redact: { paths: SECRET_PATHS, censor: '***' },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskSecrets(a) : a)) as typeof args;
          return method.apply(this, masked);
        },
      },
      formatters: {
        log(obj) {
          const err = obj.err as Error | undefined;
          if (err && typeof err === 'object' && 'message' in err) {
            return { ...obj, err: { type: err.name, message: maskSecrets(err.message), stack: err.stack && maskSecrets(err.stack) } };
          }
          return obj;
        },
      },
    },
    pino.destination(2),
  );
}

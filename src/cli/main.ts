import { Command, CommanderError } from 'commander';
import { reportError } from './context.ts';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when needed: a call such as `regia search` loads the search
 * command's modules, not the Teams and Slack SDKs, the charts and the document writers the other
 * commands need (together about 3 s of module loading on a loaded machine).
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  programme: async () => (await import('./commands/programme.ts')).registerProgramme,
  people: async () => (await import('./commands/people.ts')).registerPeople,
  ingest: async () => (await import('./commands/ingest.ts')).registerIngest,
  search: async () => (await import('./commands/search.ts')).registerSearch,
  ask: async () => (await import('./commands/ask.ts')).registerAsk,
  update: async () => (await import('./commands/update.ts')).registerUpdate,
  digest: async () => (await import('./commands/digest.ts')).registerDigest,
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  chat: async () => (await import('./commands/chat.ts')).registerChat,
  reindex: async () => (await import('./commands/reindex.ts')).registerReindex,
  start: async () => (await import('./commands/start.ts')).registerStart,
  board: async () => (await import('./commands/board.ts')).registerBoard,
  indicators: async () => (await import('./commands/indicators.ts')).registerIndicators,
  report: async () => (await import('./commands/report.ts')).registerReport,
};

/**
 * The CLI with the commands `argv` needs: the one it names, or every one (help, an unknown name,
 * which commander then reports with the list).
 */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('regia')
    .description('Regia: the assistant of a territorial development programme (Slack, Teams, console)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  const registers = await Promise.all(named.map((name) => COMMANDS[name]()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `regia ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = reportError(err);
  }
}

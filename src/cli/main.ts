import { Command, CommanderError } from 'commander';
import { registerProgramme } from './commands/programme.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerSearch } from './commands/search.ts';
import { registerAsk } from './commands/ask.ts';
import { registerUpdate } from './commands/update.ts';
import { registerDigest } from './commands/digest.ts';
import { registerServe } from './commands/serve.ts';
import { registerChat } from './commands/chat.ts';
import { registerReindex } from './commands/reindex.ts';
import { registerStart } from './commands/start.ts';
import { registerBoard } from './commands/board.ts';
import { registerIndicators } from './commands/indicators.ts';
import { registerReport } from './commands/report.ts';
import { reportError } from './context.ts';

export function buildProgram(): Command {
  const program = new Command('regia')
    .description('Regia: the assistant of a territorial development programme (Slack, Teams, console)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerProgramme(program);
  registerIngest(program);
  registerSearch(program);
  registerAsk(program);
  registerUpdate(program);
  registerDigest(program);
  registerServe(program);
  registerChat(program);
  registerReindex(program);
  registerStart(program);
  registerBoard(program);
  registerIndicators(program);
  registerReport(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `regia ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
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

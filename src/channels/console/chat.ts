import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AppContext } from '../../app.ts';

/** Console chat: one line in, one reply out; works on a TTY and with piped stdin. */
export async function runConsoleChat(app: AppContext, input: Readable, output: Writable): Promise<void> {
  const programme = await app.programme();
  const tty = (input as NodeJS.ReadStream).isTTY === true;
  output.write(`Regia — ${programme?.name ?? 'no programme loaded'} (${app.db.engine}). Type a question, or "exit".\n`);
  const rl = createInterface({ input, terminal: false });
  if (tty) output.write('> ');
  for await (const line of rl) {
    const text = line.trim();
    if (/^(exit|quit|esci)$/i.test(text)) break;
    if (text) output.write('Questions and updates arrive with the next version of Regia.\n');
    if (tty) output.write('> ');
  }
}

import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AppContext } from '../../app.ts';
import { respond } from '../../core/assistant.ts';
import { recordAnswer } from '../../core/answer/record.ts';
import type { Actor, Answer, ChatTurn } from '../../core/types.ts';
import { formatAnswer } from './format.ts';

/** Console chat: one line in, one reply out; works on a TTY and with piped stdin. */
export async function runConsoleChat(app: AppContext, input: Readable, output: Writable): Promise<void> {
  const programme = await app.programme();
  const tty = (input as NodeJS.ReadStream).isTTY === true;
  output.write(`Regia — ${programme?.name ?? 'no programme loaded'} (${app.db.engine}). Type a question, or "exit".\n`);
  const rl = createInterface({ input, terminal: false });
  const history: ChatTurn[] = [];
  if (tty) output.write('> ');
  for await (const line of rl) {
    const text = line.trim();
    if (/^(exit|quit|esci)$/i.test(text)) break;
    if (text) {
      output.write(`${await reply(app, text, history)}\n\n`);
    }
    if (tty) output.write('> ');
  }
}

/**
 * The person at the terminal: a local operator (see core/updates/auth.ts). One conversation id,
 * so an update dialog left half-way continues in the next `regia chat`.
 */
const CONSOLE_USER = userInfo().username || 'operator';
const CONSOLE_ACTOR: Actor = { platform: 'console', userId: CONSOLE_USER, displayName: CONSOLE_USER };

/** The reply to one console message (question, update command or dialog answer), as text. */
async function reply(app: AppContext, text: string, history: ChatTurn[]): Promise<string> {
  const started = Date.now();
  let answer: Answer;
  try {
    const r = await respond(app, { actor: CONSOLE_ACTOR, conversationId: 'console', text, history: history.slice(-2 * app.config.historyTurns) });
    if (r.kind !== 'answer') {
      history.push({ role: 'user', text }, { role: 'assistant', text: r.text });
      return r.text;
    }
    answer = r.answer;
  } catch (err) {
    app.log.error({ err }, 'console question failed');
    return `Sorry, something went wrong / Qualcosa è andato storto: ${(err as Error).message}`;
  }
  history.push({ role: 'user', text }, { role: 'assistant', text: answer.answer });
  await recordAnswer(app, { platform: 'console', conversationId: 'console', question: text, answer, latencyMs: Date.now() - started }).catch((err) =>
    app.log.warn({ err }, 'could not record the answer'),
  );
  return formatAnswer(answer);
}

import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { openApp } from '../../app.ts';
import { boardLink, signedBoardLink } from '../../board/link.ts';
import { loadConfig } from '../../config.ts';
import { bootstrap } from '../../demo.ts';
import { printJson, UserError, withApp } from '../context.ts';
import { untilSignal } from './serve.ts';

/** Best effort: the desktop's browser, when there is a desktop. A headless server just prints the link. */
function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // no opener: the printed link is enough
  }
}

export function registerBoard(program: Command): void {
  program
    .command('board')
    .description('open the status board locally (serves /board on PORT); --url prints a signed link to give to others')
    .option('--url', 'only print a signed link to the board (valid REGIA_BOARD_LINK_HOURS) and exit')
    .option('--port <n>', 'port to serve on (default PORT, 3000)')
    .option('--no-open', 'do not open a browser')
    .option('--json', 'with --url: {"url","expires_at"}')
    .action(async (opts: { url?: boolean; port?: string; open: boolean; json?: boolean }) => {
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UserError(`--port expects a TCP port number, got "${opts.port}"`);
      const config = loadConfig();
      if (opts.url) {
        const print = (link: { url: string; expiresAt: Date }) =>
          opts.json ? printJson({ url: link.url, expires_at: link.expiresAt.toISOString() }) : console.log(link.url);
        // A configured secret needs no database, so this works while `regia serve` holds an embedded one.
        if (config.board.secret) print(signedBoardLink(config, config.board.secret));
        else await withApp(async (app) => print(await boardLink(app)));
        return;
      }
      const { startServer } = await import('../../server.ts');
      const app = await openApp({ ...config, port: port ?? config.port });
      try {
        await bootstrap(app);
        const server = await startServer(app, []);
        const local = `http://localhost:${server.port}`;
        const link = await boardLink(app, { baseUrl: local });
        console.log(`Status board: ${link.url}\n(valid until ${link.expiresAt.toISOString()}; Ctrl-C to stop)`);
        if (opts.open && process.stdout.isTTY) openInBrowser(link.url);
        await untilSignal();
        await server.close();
      } finally {
        await app.close();
      }
    });
}

import { dirname, join } from 'node:path';
import { formatDateTime, formatTime } from '../core/time.ts';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { VNode } from 'preact';
import type { AppContext } from '../app.ts';
import { buildReport } from '../core/report/build.ts';
import type { Lang } from '../core/types.ts';
import { renderReport } from '../report/index.ts';
import { loadBoard, loadProjectPage } from './data.ts';
import { boardSecret, verifyBoardToken } from './link.ts';
import { BoardLive } from './live.ts';
import { t } from '../core/texts/index.ts';
import { BoardPage } from './views/board-page.ts';
import { renderDocument } from './views/html.ts';
import { Layout } from './views/layout.ts';
import { BoardLinks } from './views/links.ts';
import { MessagePage } from './views/message-page.ts';
import { ProjectPageView } from './views/project-page.ts';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');

/** Pages hold programme data behind a link: never cached, never indexed, never leaked as a referrer. */
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

interface BoardLocals {
  lang: Lang;
  links: BoardLinks;
  expiresAt: Date;
}

export interface BoardOptions {
  /** How often live refresh looks for changes (ms). */
  pollMs?: number;
}

function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' ? v : undefined;
}

/** The page language: an explicit ?lang=, else the browser's preference, else the programme's. */
function pageLang(req: Request, fallback: Lang): { lang: Lang; chosen: boolean } {
  const asked = queryString(req, 'lang');
  if (asked === 'it' || asked === 'en') return { lang: asked, chosen: true };
  const accepted = req.acceptsLanguages('it', 'en');
  return { lang: accepted === 'it' || accepted === 'en' ? accepted : fallback, chosen: false };
}

function expiryText(d: Date, lang: Lang, timeZone: string): string {
  const when = formatDateTime(d, lang, timeZone);
  return t(lang, 'board.linkExpires', { date: when });
}

function sendMessage(res: Response, status: number, lang: Lang, title: string, message: string): void {
  res.status(status).type('html').send(renderDocument(Layout({ lang, title, children: MessagePage({ title, message }) })));
}

/** A page with programme data: the frame around it (language switch, live refresh, link expiry). */
function sendDataPage(
  res: Response,
  page: { now: Date; marker: string; timeZone: string; path: string },
  body: (c: { lang: Lang; links: BoardLinks; now: Date }) => { title: string; children: VNode },
): void {
  const { lang, links, expiresAt } = res.locals.board as BoardLocals;
  const { title, children } = body({ lang, links, now: page.now });
  const layout = Layout({
    lang,
    title,
    switchHref: links.switchLanguage(page.path),
    live: { eventsHref: links.events(page.marker), marker: page.marker, refreshedAt: t(lang, 'board.refreshedAt', { time: formatTime(page.now, lang, page.timeZone) }) },
    footer: expiryText(expiresAt, lang, page.timeZone),
    children,
  });
  res.type('html').send(renderDocument(layout));
}

/**
 * The read-only status board at /board: the whole programme, a page per project, live refresh.
 * Every data route needs a valid signed link (?t=): none gets 401, a bad or expired one 403.
 * Returns a closer that ends the open live-refresh streams.
 */
export function mountBoard(http: Express, app: AppContext, opts: BoardOptions = {}): { close(): void } {
  const live = new BoardLive(app.db, app.log, opts.pollMs ?? 2000);
  const router = express.Router();
  router.use('/assets', express.static(ASSETS, { index: false, maxAge: '1h' }));

  const fallbackLang = async (): Promise<Lang> => (await app.programme())?.language ?? 'it';

  // Express 5 passes a rejected promise of any handler below to the error handler.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    res.set(PAGE_HEADERS);
    const { lang, chosen } = pageLang(req, await fallbackLang());
    const token = queryString(req, 't');
    const check = verifyBoardToken(await boardSecret(app), token);
    if (check.ok) {
      res.locals.board = { lang, links: new BoardLinks(token!, lang, chosen), expiresAt: check.expiresAt } satisfies BoardLocals;
      return next();
    }
    const message = check.reason === 'missing' ? t(lang, 'board.deniedMissing') : check.reason === 'expired' ? t(lang, 'board.deniedExpired') : t(lang, 'board.deniedInvalid');
    const status = check.reason === 'missing' ? 401 : 403;
    if (req.path === '/events') return void res.status(status).type('text/plain').send(message);
    sendMessage(res, status, lang, t(lang, 'board.deniedTitle'), message);
  });

  router.get('/', async (req, res) => {
    const { lang } = res.locals.board as BoardLocals;
    const now = new Date();
    const data = await loadBoard(app, now);
    if (!data) return sendMessage(res, 200, lang, t(lang, 'board.boardTitle'), t(lang, 'board.noProgramme'));
    sendDataPage(res, { now, marker: data.marker, timeZone: data.programme.timezone, path: req.baseUrl }, (c) => ({
      title: `${t(lang, 'board.boardTitle')} · ${data.programme.name}`,
      children: BoardPage({ ...c, data }),
    }));
  });

  router.get('/projects/:id', async (req, res) => {
    const { lang } = res.locals.board as BoardLocals;
    const now = new Date();
    const data = await loadProjectPage(app, req.params.id, now);
    if (!data) return sendMessage(res, 404, lang, t(lang, 'board.notFound'), req.params.id);
    const path = `${req.baseUrl}/projects/${encodeURIComponent(data.card.id)}`;
    sendDataPage(res, { now, marker: data.marker, timeZone: data.programme.timezone, path }, (c) => ({
      title: `${data.card.name} · ${data.programme.name}`,
      children: ProjectPageView({ ...c, data }),
    }));
  });

  // The steering committee's report as a PDF, for whoever holds a board link (Teams' `report` hands one out).
  router.get('/report.pdf', async (_req, res) => {
    const { lang } = res.locals.board as BoardLocals;
    if (!(await app.programme())) return sendMessage(res, 404, lang, t(lang, 'board.boardTitle'), t(lang, 'board.noProgramme'));
    const now = new Date();
    const pdf = await renderReport(await buildReport(app, { now }), 'pdf');
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="regia-report-${now.toISOString().slice(0, 10)}.pdf"`).send(pdf);
  });

  router.get('/events', async (req, res) => {
    const { expiresAt } = res.locals.board as BoardLocals;
    await live.subscribe(res, req.get('Last-Event-ID') ?? queryString(req, 'since'), expiresAt);
  });

  http.use('/board', router);
  return { close: () => live.close() };
}

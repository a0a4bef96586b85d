import type { AppContext } from '../../src/app.ts';
import { boardLink } from '../../src/board/link.ts';
import { loadConfig } from '../../src/config.ts';
import type { UpdateRecord } from '../../src/core/updates/schema.ts';
import { saveUpdate } from '../../src/core/updates/store.ts';
import { saveIndicatorValue } from '../../src/core/indicators/store.ts';
import { DEMO_CORPUS, DEMO_PROGRAMME } from '../../src/demo.ts';
import { createLogger } from '../../src/log.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { afterAll, beforeAll } from 'vitest';
import type { EngineSuite } from '../support/db.ts';
import { ingestPaths } from '../../ingest/pipeline.ts';
import { join } from 'node:path';

export const SECRET = 'board-test-secret-0123456789abcdef0123456789';

export interface BoardService {
  app: AppContext;
  server: RunningServer;
  base: string;
  /** A fresh signed link to /board on this server. */
  link(): Promise<string>;
}

/** The service the way `regia serve` runs it (board mounted on the shared server), on the suite's database. */
export async function startBoardService(s: EngineSuite, env: Record<string, string> = {}): Promise<BoardService> {
  const config = loadConfig({ LOG_LEVEL: 'silent', REGIA_DEMO: 'off', REGIA_BOARD_SECRET: SECRET, ...env }, { dotenv: false });
  const app: AppContext = { config, log: createLogger('silent'), db: s.db, programme: () => readProgramme(s.db), close: async () => {} };
  const server = await startServer(app, [], [], 0);
  const base = `http://127.0.0.1:${server.port}`;
  return { app, server, base, link: async () => (await boardLink(app, { baseUrl: base })).url };
}

const DAY = 86_400_000;
const by = (name: string) => ({ platform: 'slack' as const, userId: `U${name.length}${name.charCodeAt(0)}`, displayName: name });
const record = (r: Partial<UpdateRecord> & Pick<UpdateRecord, 'project' | 'status' | 'summary'>): UpdateRecord => ({
  progress: null,
  next_steps: null,
  blockers: null,
  due_date: null,
  ...r,
});

/**
 * The demo programme and corpus with a realistic spread of updates: on track, at risk with a
 * blocker and a due date, blocked, done, an old (stale) one, and an edited one (two revisions);
 * and two reported values of one indicator (so the board draws its chart).
 */
export async function seedDemo(app: AppContext, now = new Date()): Promise<void> {
  await loadProgramme(app.db, parseProgrammeFile(DEMO_PROGRAMME));
  await ingestPaths(app, [join(DEMO_CORPUS, 'stato-zls.md'), join(DEMO_CORPUS, 'schede-progetto.yaml')]);
  const at = (daysAgo: number) => ({ source: 'form' as const, createdAt: new Date(now.getTime() - daysAgo * DAY) });
  const first = await saveUpdate(app, record({ project: 'zls', status: 'on_track', progress: 30, summary: 'Ricognizione delle aree candidate chiusa.' }), by('Giulia Ferri'), at(20));
  await saveUpdate(app, record({ project: 'zls', status: 'on_track', progress: 40, summary: 'Firmato il protocollo d’intesa con i Comuni.', next_steps: 'Tavolo tecnico con i consorzi di bonifica.', due_date: '2027-01-31' }), by('Giulia Ferri'), at(6));
  await saveUpdate(app, record({ project: 'zls', status: 'on_track', progress: 30, summary: 'Ricognizione delle aree candidate chiusa (12 aree).' }), by('Giulia Ferri'), { ...at(19), supersedes: first.id });
  await saveUpdate(app, record({ project: 'dmo', status: 'at_risk', progress: 55, summary: 'Portale turistico in ritardo.', blockers: 'Manca il parere della Camera di Commercio.', due_date: '2026-12-15' }), by('Anna Bianchi'), at(3));
  await saveUpdate(app, record({ project: 'hub-dati', status: 'blocked', progress: 20, summary: 'Convenzione con gli enti ferma.', blockers: 'Nessun accordo sulla licenza dei dati.' }), by('Nicolò Dossena'), at(1));
  await saveUpdate(app, record({ project: 'its', status: 'done', progress: 100, summary: 'Nuovi indirizzi ITS approvati.' }), by('Paolo Verdi'), at(10));
  const operator = { platform: 'cli' as const, userId: 'segreteria', displayName: 'Segreteria ATS' };
  await saveIndicatorValue(app, { indicator: 'occupazione-femminile', value: 58.9, measuredOn: '2026-03-31' }, operator, { origin: 'form' });
  await saveIndicatorValue(app, { indicator: 'occupazione-femminile', value: 59.6, measuredOn: '2026-09-30' }, operator, { origin: 'form' });
  await saveUpdate(app, record({ project: 'fiera-eventi', status: 'on_track', progress: 15, summary: 'Calendario eventi 2027 in bozza.' }), by('Luca Neri'), at(45));
}

/** For a suite: the service with the seeded demo programme, started before its tests and closed after. */
export function useSeededBoard(s: EngineSuite): { readonly svc: BoardService } {
  const holder = {} as { svc: BoardService };
  beforeAll(async () => {
    holder.svc = await startBoardService(s);
    await seedDemo(holder.svc.app);
  });
  afterAll(async () => holder.svc?.server.close());
  return holder;
}

import { join } from 'node:path';
import type { Db } from '../../../db/client.ts';
import type { AppContext } from '../../../src/app.ts';
import type { Actor } from '../../../src/core/types.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { ROOT } from '../../support/cli.ts';
import { appOver } from '../updates/fixtures.ts';

/** Nicolò Dossena, team leader of cantiere 8 in the demo programme (project hub-dati, its indicators). */
export const leader: Actor = { platform: 'slack', userId: 'U0000000008', displayName: 'Nicolò Dossena' };
/** Someone with no role in the programme. */
export const member: Actor = { platform: 'slack', userId: 'U777', displayName: 'Paolo Bianchi' };
export const NOW = new Date('2026-11-20T10:00:00Z');

/** An app over the demo programme file, with its indicators, loaded afresh. */
export async function demoApp(db: Db): Promise<AppContext> {
  await loadProgramme(db, parseProgrammeFile(join(ROOT, 'examples', 'programme.yaml')));
  return appOver(db);
}

import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { linkAccount, unlinkAccount } from '../../../src/core/identity/link.ts';
import { resolvePerson } from '../../../src/core/identity/person.ts';
import { checkCanLogUpdate } from '../../../src/core/updates/auth.ts';
import type { Actor } from '../../../src/core/types.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { describeEachEngine } from '../../support/db.ts';
import { appOver } from '../updates/fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'regia-identity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASE = readFileSync(join(import.meta.dirname, '..', 'updates', 'programme.yaml'), 'utf8');
/** The update tests' programme (c4 led by Giulia Ferrari, c8 by Nicolò Dossena), plus `extra` people entries. */
function programme(name: string, extra = ''): string {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, BASE + extra);
  return file;
}
const slack = (userId: string, displayName: string, email?: string): Actor => ({ platform: 'slack', userId, displayName, ...(email ? { email } : {}) });

describeEachEngine('identity: roles only through what the platform vouches for', (s) => {
  test('an account named like a team leader is not given the role; the same person linked by email, by id or by an admin is', async () => {
    await loadProgramme(s.db, parseProgrammeFile(programme('ids', '  - name: Nicolò Dossena\n    role: team_leader\n    cantiere: c8\n    slack: U0DOSSENA\n')));
    const app = appOver(s.db);
    // An impostor renames themselves: nothing follows from the name, first contact or not.
    const impostor = slack('U0IMPOSTOR', 'Nicolò Dossena');
    expect(await resolvePerson(s.db, impostor)).toMatchObject({ role: 'member', cantiereId: null, linkedTo: null });
    expect((await checkCanLogUpdate(app, impostor, 'hub-dati')).ok).toBe(false);
    // An email that no platform vouched for is not in the actor; one Slack returned is.
    expect((await checkCanLogUpdate(app, slack('U0ELSE', 'Giulia Ferrari', 'someone@example.org'), 'zls')).ok).toBe(false);
    // The real one: by the Slack id the programme file names...
    expect(await resolvePerson(s.db, slack('U0DOSSENA', 'nicolo'))).toMatchObject({ role: 'team_leader', cantiereId: 'c8' });
    expect(await checkCanLogUpdate(app, slack('U0DOSSENA', 'nicolo'), 'hub-dati')).toEqual({ ok: true });
    // ...by the email Slack returns for the account (case ignored)...
    expect(await resolvePerson(s.db, slack('U0GIULIA', 'G.', 'giulia.ferrari@EXAMPLE.org'))).toMatchObject({ role: 'team_leader', cantiereId: 'c4', linkedTo: 'giulia-ferrari' });
    expect(await checkCanLogUpdate(app, slack('U0GIULIA', 'G.'), 'zls')).toEqual({ ok: true });
    // ...or by an admin's explicit link (here: the impostor's account really was Nicolò's second one).
    expect(await linkAccount(s.db, { platform: 'slack', userId: 'U0IMPOSTOR' }, 'nicolo dossena', 'admin U0ADMIN')).toEqual({ person: 'Nicolò Dossena', role: 'team_leader' });
    expect(await checkCanLogUpdate(app, impostor, 'hub-dati')).toEqual({ ok: true });
    expect(await unlinkAccount(s.db, { platform: 'slack', userId: 'U0IMPOSTOR' })).toBe(true);
    expect((await checkCanLogUpdate(app, impostor, 'hub-dati')).ok).toBe(false);
    await expect(linkAccount(s.db, { platform: 'slack', userId: 'U0X' }, 'Mario Rossi', 'admin')).rejects.toThrow(/no person "Mario Rossi" in the programme file/);
  });

  test('a role changed in the programme file takes effect for linked accounts', async () => {
    await loadProgramme(s.db, parseProgrammeFile(programme('before')));
    const app = appOver(s.db);
    const giulia = slack('U0G', 'Giulia', 'giulia.ferrari@example.org');
    expect(await checkCanLogUpdate(app, giulia, 'zls')).toEqual({ ok: true });
    // The new file makes Giulia a member and Paolo the team leader of c4 (by email).
    const after = BASE.replace('team_leader: Giulia Ferrari', 'team_leader: Paolo Bianchi')
      .replace(/ {2}- name: Giulia Ferrari\n {4}role: team_leader/, '  - name: Giulia Ferrari\n    role: member')
      .replace(/ {2}- name: Paolo Bianchi\n {4}role: member\n {4}cantiere: c4\n/, '  - name: Paolo Bianchi\n    role: team_leader\n    cantiere: c4\n    email: paolo.bianchi@example.org\n');
    writeFileSync(join(tmp, 'after.yaml'), after);
    await loadProgramme(s.db, parseProgrammeFile(join(tmp, 'after.yaml')));
    expect((await checkCanLogUpdate(app, slack('U0G', 'Giulia'), 'zls')).ok).toBe(false);
    expect(await checkCanLogUpdate(app, slack('U0P', 'Paolo', 'paolo.bianchi@example.org'), 'zls')).toEqual({ ok: true });
    const [row] = await s.db.query(`SELECT role, cantiere_id FROM people WHERE platform = 'slack' AND user_id = 'U0G'`);
    expect(row).toEqual({ role: 'member', cantiere_id: 'c4' });
  });

  test('TRUNCATE on the append-only updates is refused', async () => {
    await expect(s.db.exec('TRUNCATE updates')).rejects.toThrow(/append-only: TRUNCATE is refused/);
  });
});

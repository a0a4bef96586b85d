import type { Command } from 'commander';
import { LinkError, linkAccount, unlinkAccount } from '../../core/identity/link.ts';
import { printJson, UserError, withApp } from '../context.ts';

function platformOf(value: string): 'slack' | 'teams' {
  if (value !== 'slack' && value !== 'teams') throw new UserError(`--platform expects slack or teams, got "${value}"`);
  return value;
}

/**
 * `regia people link|unlink`: an admin's explicit word that a chat account is a person of the
 * programme file (for accounts the file names by neither id nor a matching email).
 */
export function registerPeople(program: Command): void {
  const cmd = program.command('people').description('who is who: link chat accounts to the people of the programme file');
  cmd
    .command('link')
    .description('link a Slack or Teams account to a person of the programme file (their role follows the file)')
    .requiredOption('--platform <platform>', 'slack | teams')
    .requiredOption('--user <id>', 'the account id (Slack U..., Teams aadObjectId)')
    .requiredOption('--person <name-or-email>', 'the person, by name or email as in the programme file')
    .option('--json', 'JSON output')
    .action(async (opts: { platform: string; user: string; person: string; json?: boolean }) => {
      const platform = platformOf(opts.platform);
      const linked = await withApp((app) =>
        linkAccount(app.db, { platform, userId: opts.user.trim() }, opts.person, 'admin (command line)').catch((err) => {
          if (err instanceof LinkError) throw new UserError(err.message);
          throw err;
        }),
      );
      if (opts.json) printJson({ platform, user: opts.user, ...linked });
      else console.log(`${platform} account ${opts.user} is now ${linked.person} (${linked.role})`);
    });
  cmd
    .command('unlink')
    .description('undo a link: the account is a member again')
    .requiredOption('--platform <platform>', 'slack | teams')
    .requiredOption('--user <id>', 'the account id')
    .action(async (opts: { platform: string; user: string }) => {
      const platform = platformOf(opts.platform);
      const done = await withApp((app) => unlinkAccount(app.db, { platform, userId: opts.user.trim() }));
      if (!done) throw new UserError(`no ${platform} account ${opts.user} is known`);
      console.log(`${platform} account ${opts.user} is a member again`);
    });
}

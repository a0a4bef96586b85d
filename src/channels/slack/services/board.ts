import type { AppContext } from '../../../app.ts';
import { latestUpdates } from '../../../core/updates/store.ts';
import type { SlackDeps } from '../deps.ts';
import { defaultLang } from '../deps.ts';
import { renderHome, type HomeScope, type ProjectState } from '../render/status-board.ts';
import type { WebClient } from '../slack-types.ts';

/** The latest update of every project, for the board. */
export async function projectStates(app: AppContext, cantiereId?: string): Promise<Map<string, ProjectState>> {
  const latest = await latestUpdates(app.db, cantiereId ? { cantiereId } : {});
  const states = new Map<string, ProjectState>();
  for (const u of latest) {
    states.set(u.project, { status: u.status, progress: u.progress, at: new Date(u.createdAt) });
  }
  return states;
}

/** Publishes the status board on a user's App Home tab (all cantieri, or the one and page chosen there). */
export async function publishHome(deps: SlackDeps, client: WebClient, userId: string, scope?: HomeScope, now = new Date()): Promise<void> {
  const programme = await deps.app.programme();
  const states = await projectStates(deps.app);
  await client.views.publish({ user_id: userId, view: renderHome(programme, states, now, defaultLang(programme), scope) });
}

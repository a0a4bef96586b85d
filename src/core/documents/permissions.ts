import type { AppContext } from '../../app.ts';
import { isLocalOperator, resolvePerson } from '../updates/auth.ts';
import type { Actor } from '../types.ts';

/** Team leaders and admins (programme file) may add documents; the local operator always may. */
export async function mayAddDocuments(app: AppContext, actor: Actor): Promise<boolean> {
  if (isLocalOperator(actor)) return true;
  const person = await resolvePerson(app.db, actor);
  return person.role === 'admin' || person.role === 'team_leader';
}

/** Only admins remove documents. */
export async function mayRemoveDocuments(app: AppContext, actor: Actor): Promise<boolean> {
  if (isLocalOperator(actor)) return true;
  return (await resolvePerson(app.db, actor)).role === 'admin';
}

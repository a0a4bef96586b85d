import type { AppContext } from '../../app.ts';
import type { Programme } from '../../programme/model.ts';
import { claimEvent, releaseEvent } from '../chat/events.ts';
import { newReference } from '../failure.ts';
import type { OutboundChannel } from '../outbound/channel.ts';
import type { Actor, Lang } from '../types.ts';
import { checkCanLogUpdate } from './auth.ts';
import { validateUpdateForm, type UpdatePrefill } from './form.ts';
import { formatUpdatePreview } from './format.ts';
import type { UpdateFieldId, UpdateRecord } from './schema.ts';
import { saveUpdate, type StoredUpdate } from './store.ts';

/**
 * THE way an update entered by a person is saved, whatever the channel (a form, a card, a
 * preview's Save, the text dialog): validate, authorise, suppress duplicates, store, announce in
 * the cantiere's conversation on the channel it came from. Channels only word the outcome.
 */

export interface SaveRequest {
  actor: Actor;
  /** The language of the person saving (field messages, refusals). */
  lang: Lang;
  /** What the person entered, as raw form values or a parsed draft. */
  values: UpdatePrefill;
  source: 'form' | 'message';
  sourceText?: string | null;
  sourceRef?: string | null;
  /** The revision this one replaces (an edit). */
  supersedes?: number | null;
  /** A save under this key happens once (a card or form submitted twice, a redelivery). */
  onceKey?: string | null;
  now?: Date;
}

export type CheckResult =
  | { ok: true; programme: Programme; record: UpdateRecord }
  | { ok: false; reason: 'no_programme' }
  | { ok: false; reason: 'invalid'; errors: Partial<Record<UpdateFieldId, string>> }
  | { ok: false; reason: 'refused'; message: string };

/** Where the announcement went, or why it did not. */
export type Announced =
  | { posted: true; conversationId: string; messageRef: string }
  | { posted: false; why: 'no_channel' | 'no_destination' }
  | { posted: false; why: 'failed'; conversationId: string; ref: string };

export type SaveResult =
  | Exclude<CheckResult, { ok: true }>
  | { ok: false; reason: 'duplicate' }
  | { ok: true; stored: StoredUpdate; announced: Announced };

/** Validation and authorisation: what a form shows next to its fields before it closes. */
export async function checkUpdate(app: AppContext, req: Pick<SaveRequest, 'actor' | 'lang' | 'values' | 'now'>): Promise<CheckResult> {
  const programme = await app.programme();
  if (!programme) return { ok: false, reason: 'no_programme' };
  const checked = validateUpdateForm(programme, req.values, req.lang, { now: req.now });
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const allowed = await checkCanLogUpdate(app, req.actor, checked.value.project, req.lang);
  if (!allowed.ok) return { ok: false, reason: 'refused', message: allowed.message };
  return { ok: true, programme, record: checked.value };
}

/**
 * Stores a checked update once and announces it. `channel` is the channel the update came from
 * (null for the console and the CLI: nothing to announce in).
 */
export async function commitUpdate(
  app: AppContext,
  channel: OutboundChannel | null,
  checked: Extract<CheckResult, { ok: true }>,
  req: SaveRequest,
): Promise<SaveResult> {
  const once = req.onceKey ? `update-save|${req.onceKey}` : null;
  if (once && !(await claimEvent(app.db, req.actor.platform, once))) return { ok: false, reason: 'duplicate' };
  let stored: StoredUpdate;
  try {
    stored = await saveUpdate(app, checked.record, req.actor, {
      source: req.source,
      sourceRef: req.sourceRef ?? null,
      sourceText: req.sourceText ?? null,
      ...(req.supersedes ? { supersedes: req.supersedes } : {}),
    });
  } catch (err) {
    // Not saved after all: the same form may be submitted again.
    if (once) await releaseEvent(app.db, req.actor.platform, once);
    throw err;
  }
  app.log.info({ update: stored.id, project: stored.project, platform: req.actor.platform, actor: req.actor.userId }, 'update saved');
  return { ok: true, stored, announced: await announce(app, channel, checked.programme, stored, req.actor) };
}

/** checkUpdate then commitUpdate: the whole path in one call. */
export async function saveEnteredUpdate(app: AppContext, channel: OutboundChannel | null, req: SaveRequest): Promise<SaveResult> {
  const checked = await checkUpdate(app, req);
  return checked.ok ? commitUpdate(app, channel, checked, req) : checked;
}

async function announce(app: AppContext, channel: OutboundChannel | null, programme: Programme, stored: StoredUpdate, actor: Actor): Promise<Announced> {
  if (!channel) return { posted: false, why: 'no_channel' };
  const cantiere = programme.cantieri.find((c) => c.id === stored.cantiereId);
  const conversationId = cantiere ? await channel.destinationFor(cantiere) : null;
  if (!conversationId) return { posted: false, why: 'no_destination' };
  const lang = programme.language;
  try {
    const messageRef = await channel.send(
      { conversationId },
      {
        kind: 'update_saved',
        update: {
          lang,
          author: { platform: actor.platform, userId: actor.userId, displayName: actor.displayName },
          updateId: stored.id,
          projectName: stored.projectName,
          text: formatUpdatePreview(stored, lang, programme),
        },
      },
    );
    return { posted: true, conversationId, messageRef };
  } catch (err) {
    // The update is stored; only the announcement failed: logged with a reference to show the author.
    const ref = newReference();
    app.log.error({ err, ref, update: stored.id, conversationId, platform: channel.platform }, `announcing an update failed (${ref})`);
    return { posted: false, why: 'failed', conversationId, ref };
  }
}

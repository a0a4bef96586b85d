import type { UpdateRecord } from '../../../core/updates/schema.ts';
import type { Lang } from '../../../core/types.ts';
import { card, execute, text, type AdaptiveCard, type AdaptiveElement } from './adaptive.ts';
import { plainCardText } from './sanitise.ts';

export const PREVIEW_SAVE_VERB = 'regia.preview.save';
export const PREVIEW_EDIT_VERB = 'regia.preview.edit';
export const PREVIEW_CANCEL_VERB = 'regia.preview.cancel';

/** A draft as parsed from a message: any field may still be missing. */
export type UpdateDraft = { [K in keyof UpdateRecord]: UpdateRecord[K] | null };

/**
 * "Is this what you meant?": the update parsed from a plain message, with Save / Edit / Cancel.
 * The draft Save stores is kept server-side under `stateId` (../card-state.ts), exactly as shown.
 */
export function updatePreviewCard(stateId: string, previewText: string, problems: Record<string, string>, lang: Lang): AdaptiveCard {
  const it = lang === 'it';
  const body: AdaptiveElement[] = [
    text(it ? 'Aggiornamento da confermare' : 'Update to confirm', { size: 'Medium', weight: 'Bolder' }),
    text(plainCardText(previewText)),
  ];
  const issues = Object.values(problems).filter((p) => p && !previewText.includes(p));
  if (issues.length) {
    body.push(text(it ? 'Da completare prima di salvare:' : 'To complete before saving:', { weight: 'Bolder', color: 'attention', spacing: 'Medium' }));
    for (const p of issues) body.push(text(plainCardText(`• ${p}`), { color: 'attention', size: 'Small', spacing: 'None' }));
  }
  const data = { lang, state: stateId };
  return card(body, [
    execute(it ? 'Salva' : 'Save', PREVIEW_SAVE_VERB, data, { style: 'positive' }),
    execute(it ? 'Modifica' : 'Edit', PREVIEW_EDIT_VERB, data),
    execute(it ? 'Annulla' : 'Cancel', PREVIEW_CANCEL_VERB, { lang }),
  ]);
}

import { t } from '../../../core/texts/index.ts';
import type { DocumentEntry } from '../../../core/documents/library.ts';
import type { Lang } from '../../../core/types.ts';
import type { KnownBlock } from '../slack-types.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

export const REMOVE_DOCUMENT = 'remove_document';

/** The documents in Regia, one section each; admins get a "Remove" button (with a confirmation). */
export function documentsBlocks(docs: DocumentEntry[], lang: Lang, canRemove: boolean): { text: string; blocks: KnownBlock[] } {
  const title = t(lang, 'documents.listTitle');
  if (!docs.length) return { text: t(lang, 'documents.listEmpty'), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t(lang, 'documents.listEmpty') } }] };
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];
  for (const d of docs.slice(0, 45)) {
    const line = `*${escapeMrkdwn(truncate(d.title, 200))}*\n${escapeMrkdwn(d.source)} · ${d.passages} · ${d.ingestedAt.slice(0, 10)}${d.cantieri.length ? ` · ${d.cantieri.join(', ')}` : ''}`;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: line },
      ...(canRemove
        ? {
            accessory: {
              type: 'button',
              style: 'danger',
              action_id: REMOVE_DOCUMENT,
              value: String(d.id),
              text: { type: 'plain_text', text: t(lang, 'documents.remove') },
              confirm: {
                title: { type: 'plain_text', text: t(lang, 'documents.remove') },
                text: { type: 'plain_text', text: truncate(d.title, 250) },
                confirm: { type: 'plain_text', text: t(lang, 'documents.remove') },
                deny: { type: 'plain_text', text: t(lang, 'common.cancel') },
              },
            },
          }
        : {}),
    });
  }
  return { text: title, blocks };
}

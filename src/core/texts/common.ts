import type { Table } from './entry.ts';

/** Words and sentences every channel shares: buttons, sources, cancellations. */
export const COMMON_TEXTS = {
  'common.sources': { it: 'Fonti', en: 'Sources' },
  'common.save': { it: 'Salva', en: 'Save' },
  'common.edit': { it: 'Modifica', en: 'Edit' },
  'common.cancel': { it: 'Annulla', en: 'Cancel' },
  'common.updateCancelled': { it: 'Aggiornamento annullato: non ho salvato nulla.', en: 'Update cancelled: nothing was saved.' },
} as const satisfies Table;

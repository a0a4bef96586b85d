import type { Lang } from '../types.ts';

/** What Regia says about documents shared in chat, in Italian and English. */
export const DOCUMENT_TEXTS = {
  reading: { it: (name: string) => `⏳ Sto leggendo «${name}»…`, en: (name: string) => `⏳ Reading "${name}"…` },
  added: {
    it: (title: string, name: string, n: number) => `✅ Aggiunto: ${name} («${title}»), ${n} ${n === 1 ? 'passaggio' : 'passaggi'}.`,
    en: (title: string, name: string, n: number) => `✅ Added: ${name} ("${title}"), ${n} ${n === 1 ? 'passage' : 'passages'}.`,
  },
  replaced: {
    it: (title: string, name: string, n: number) => `✅ Aggiornato: ${name} («${title}») sostituisce la versione precedente, ${n} ${n === 1 ? 'passaggio' : 'passaggi'}.`,
    en: (title: string, name: string, n: number) => `✅ Updated: ${name} ("${title}") replaces the previous version, ${n} ${n === 1 ? 'passage' : 'passages'}.`,
  },
  unchanged: {
    it: (title: string) => `ℹ️ Questo documento è già in Regia («${title}»): nulla da aggiungere.`,
    en: (title: string) => `ℹ️ This document is already in Regia ("${title}"): nothing added.`,
  },
  failed: { it: (name: string, reason: string) => `⚠️ Non aggiunto: ${name}. Motivo: ${reason}`, en: (name: string, reason: string) => `⚠️ Not added: ${name}. Reason: ${reason}` },
  notAllowed: {
    it: 'Solo i team leader e gli amministratori del programma possono aggiungere documenti a Regia. Chiedete al team leader del vostro cantiere.',
    en: "Only the programme's team leaders and admins can add documents to Regia. Ask your cantiere's team leader.",
  },
  tooLarge: { it: (mb: number) => `il file supera il limite di ${mb} MB`, en: (mb: number) => `the file is over the ${mb} MB limit` },
  downloadFailed: { it: (why: string) => `non sono riuscito a scaricarlo (${why})`, en: (why: string) => `it could not be downloaded (${why})` },
  removed: { it: (title: string) => `🗑️ Rimosso: «${title}» (resta traccia nel registro).`, en: (title: string) => `🗑️ Removed: "${title}" (the audit log keeps a record).` },
  removeNotAllowed: { it: 'Solo gli amministratori possono rimuovere documenti.', en: 'Only admins can remove documents.' },
  notFound: { it: 'Documento non trovato (forse già rimosso).', en: 'Document not found (perhaps already removed).' },
  listTitle: { it: 'Documenti in Regia', en: 'Documents in Regia' },
  listEmpty: { it: 'Nessun documento in Regia.', en: 'No document in Regia.' },
  remove: { it: 'Rimuovi', en: 'Remove' },
  noFiles: { it: 'Quel messaggio non ha file da aggiungere a Regia.', en: 'That message has no file to add to Regia.' },
} satisfies Record<string, Record<Lang, unknown>>;

export function dt<K extends keyof typeof DOCUMENT_TEXTS>(key: K, lang: Lang): (typeof DOCUMENT_TEXTS)[K]['it'] {
  return DOCUMENT_TEXTS[key][lang] as (typeof DOCUMENT_TEXTS)[K]['it'];
}

import type { Intent, Lang } from '../types.ts';

/** The few sentences Regia says itself, in both languages. */
export const PHRASES = {
  framing: {
    it: { status: (about: string) => `Ecco cosa risulta su ${about}:`, who: () => 'Dai documenti:', history: () => 'Dai documenti:', fact: () => 'Secondo i documenti:' },
    en: {
      status: (about: string) => `Here is what the records say about ${about}:`,
      who: () => 'From the documents:',
      history: () => 'From the documents:',
      fact: () => 'According to the documents:',
    },
  },
  /** The asked-for figure, date or name, before the quote it comes from. */
  inShort: { it: (answer: string) => `In breve: ${answer}.`, en: (answer: string) => `In short: ${answer}.` },
  dontKnow: {
    it: 'Non lo so: i documenti e gli aggiornamenti che ho non lo dicono.',
    en: "I don't know: the documents and updates I have do not say.",
  },
  closest: { it: 'Le fonti più vicine:', en: 'The closest sources:' },
  noDocuments: {
    it: 'Non lo so: non ci sono ancora documenti caricati (usa `regia ingest`).',
    en: "I don't know: no documents have been ingested yet (use `regia ingest`).",
  },
  help: {
    it: 'Sono Regia. Fammi una domanda sul programma (per esempio "a che punto è la ZLS?" o "chi coordina il cantiere 8?") e risponderò con le fonti; puoi anche registrare un aggiornamento ("aggiorna ZLS: ...").',
    en: 'I am Regia. Ask me about the programme (for example "what\'s the status of ZLS?" or "who leads cantiere 8?") and I will answer with sources; you can also log an update ("update ZLS: ...").',
  },
  smalltalk: { it: 'Ciao! Chiedimi pure qualcosa sul programma.', en: 'Hi! Ask me anything about the programme.' },
} as const;

export function framing(lang: Lang, intent: Intent, about: string | null): string {
  const f = PHRASES.framing[lang];
  if (intent === 'status' && about) return f.status(about);
  if (intent === 'who') return f.who();
  if (intent === 'history') return f.history();
  return f.fact();
}

import type { Lang } from '../../core/types.ts';

/** The Teams layer's own sentences (everything else comes from the core), Italian and English. */
export const TEXTS = {
  welcome: {
    it:
      'Ciao, sono Regia, l’assistente del programma. Fammi una domanda (es. «a che punto è la ZLS?»), ' +
      'registra un aggiornamento con «update ZLS: firmato il protocollo, siamo al 40%» oppure scrivi «aggiorna» per il modulo. ' +
      'In un canale, menzionami con @Regia.',
    en:
      'Hi, I am Regia, the programme assistant. Ask me a question (e.g. "what is the status of ZLS?"), ' +
      'log an update with "update ZLS: protocol signed, we are at 40%", or write "update" for the form. ' +
      'In a channel, mention me with @Regia.',
  },
  empty: {
    it: 'Scrivimi una domanda o un aggiornamento dopo la menzione, ad esempio «@Regia chi coordina il cantiere 8?».',
    en: 'Write a question or an update after the mention, for example "@Regia who leads cantiere 8?".',
  },
  linkOnlyAdmins: {
    it: 'Solo gli amministratori del programma possono collegare un canale a un cantiere.',
    en: 'Only programme admins can link a channel to a cantiere.',
  },
  linkNotInPersonal: {
    it: 'Un cantiere si collega a un canale o a una chat di gruppo: scrivi il comando lì.',
    en: 'A cantiere is linked to a channel or group chat: send the command there.',
  },
  noProgramme: {
    it: 'Nessun programma caricato: un amministratore deve prima eseguire «regia programme load FILE».',
    en: 'No programme is loaded: an admin must first run "regia programme load FILE".',
  },
  updateSaved: { it: 'Aggiornamento salvato', en: 'Update saved' },
  updateCancelled: { it: 'Aggiornamento annullato: non ho salvato nulla.', en: 'Update cancelled: nothing was saved.' },
  alreadySaved: { it: 'Questo aggiornamento è già stato salvato.', en: 'This update was already saved.' },
  unknownAction: { it: 'Questa scheda non è più valida: riprova.', en: 'This card is no longer valid: please try again.' },
  notAnnounced: {
    it: 'Non sono riuscito a pubblicarlo nella conversazione del cantiere; riferimento per chi gestisce Regia:',
    en: "I could not post it in the cantiere's conversation; reference for whoever runs Regia:",
  },
  answerGone: { it: 'Non trovo più questa risposta.', en: 'I can no longer find this answer.' },
  answerFollows: { it: 'La risposta completa segue qui sotto.', en: 'The complete answer follows below.' },
} satisfies Record<string, Record<Lang, string>>;

export function t(key: keyof typeof TEXTS, lang: Lang): string {
  return TEXTS[key][lang];
}

export function linkedText(lang: Lang, number: string, name: string): string {
  return lang === 'it'
    ? `Fatto: questa conversazione è collegata al cantiere ${number} (${name}). Qui arriveranno il suo riepilogo settimanale e le sue notizie.`
    : `Done: this conversation is now linked to cantiere ${number} (${name}). Its weekly digest and news will be posted here.`;
}

export function unknownCantiereText(lang: Lang, ref: string, known: string[]): string {
  return lang === 'it'
    ? `Non conosco il cantiere «${ref}». Cantieri del programma: ${known.join(', ')}.`
    : `I don't know cantiere "${ref}". The programme's cantieri: ${known.join(', ')}.`;
}

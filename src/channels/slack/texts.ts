import type { Lang } from '../../core/types.ts';

/** Every user-facing sentence of the Slack channel, in Italian and English. */
export const T = {
  sources: { it: 'Fonti', en: 'Sources' },
  helpful: { it: 'Utile', en: 'Helpful' },
  notHelpful: { it: 'Non utile', en: 'Not helpful' },
  feedbackThanks: { it: 'Grazie per il riscontro!', en: 'Thanks for the feedback!' },
  save: { it: 'Salva', en: 'Save' },
  edit: { it: 'Modifica', en: 'Edit' },
  cancel: { it: 'Annulla', en: 'Cancel' },
  cancelled: { it: 'Aggiornamento annullato, non ho salvato nulla.', en: 'Update cancelled, nothing was saved.' },
  previewExpired: {
    it: 'Questa anteprima non è più valida (già salvata o annullata).',
    en: 'This preview is no longer valid (already saved or cancelled).',
  },
  modalTitle: { it: 'Aggiornamento', en: 'Progress update' },
  modalSubmit: { it: 'Salva', en: 'Save' },
  modalClose: { it: 'Annulla', en: 'Cancel' },
  logUpdate: { it: 'Registra aggiornamento', en: 'Log update' },
  noProgramme: {
    it: 'Nessun programma caricato: chiedi a un amministratore di eseguire `regia programme load`.',
    en: 'No programme loaded yet: ask an administrator to run `regia programme load`.',
  },
  boardTitle: { it: 'Stato dei progetti', en: 'Project status' },
  neverUpdated: { it: 'nessun aggiornamento', en: 'no updates yet' },
  allCantieri: { it: 'Tutti i cantieri', en: 'All cantieri' },
  pageOf: {
    it: (page: number, pages: number) => `Pagina ${page} di ${pages}`,
    en: (page: number, pages: number) => `Page ${page} of ${pages}`,
  },
  previousPage: { it: 'Precedente', en: 'Previous' },
  nextPage: { it: 'Successiva', en: 'Next' },
  stale: { it: 'fermo', en: 'stale' },
  whichCantiere: {
    it: 'Di quale cantiere? Scrivi `/regia riepilogo <cantiere>` con uno di questi:',
    en: 'Which cantiere? Type `/regia digest <cantiere>` with one of these:',
  },
  reportAdminsOnly: {
    it: 'Il rapporto per il Comitato è riservato agli amministratori del programma.',
    en: "The steering committee's report is for the programme's administrators only.",
  },
  reportTitle: { it: 'Rapporto di monitoraggio', en: 'Monitoring report' },
  reportComment: {
    it: 'Ecco il rapporto di monitoraggio per il Comitato (progetti, indicatori e obiettivi, con le fonti).',
    en: 'Here is the monitoring report for the steering committee (projects, indicators and targets, with sources).',
  },
  reportSent: { it: 'Ti ho inviato il rapporto in privato.', en: 'I sent you the report in a direct message.' },
  digestPreviewOf: { it: 'Anteprima (solo per te) del riepilogo del cantiere', en: 'Preview (only you see it) of the digest of cantiere' },
  unknownProject: {
    it: (ref: string) => `Non conosco il progetto "${ref}". Scrivi \`/regia stato\` per l'elenco.`,
    en: (ref: string) => `I don't know a project called "${ref}". Try \`/regia status\` for the list.`,
  },
  unknownTarget: {
    it: (ref: string) => `Non trovo un cantiere o un progetto chiamato "${ref}".`,
    en: (ref: string) => `I can't find a cantiere or project called "${ref}".`,
  },
  savedAuthor: {
    it: (where: string) => `Aggiornamento salvato e pubblicato in ${where}.`,
    en: (where: string) => `Update saved and posted in ${where}.`,
  },
  savedNoChannel: {
    it: 'Aggiornamento salvato. Il cantiere non ha un canale Slack configurato, quindi non l\'ho pubblicato.',
    en: 'Update saved. The cantiere has no Slack channel configured, so it was not posted anywhere.',
  },
  confirmationHeader: {
    it: (who: string) => `Nuovo aggiornamento da ${who}`,
    en: (who: string) => `New progress update from ${who}`,
  },
  failure: {
    it: (ref: string) => `⚠️ Qualcosa è andato storto e non sono riuscito a completare la richiesta. Riprova tra poco; se succede ancora, comunica questo riferimento a chi gestisce Regia: \`${ref}\`.`,
    en: (ref: string) => `⚠️ Something went wrong and I couldn't finish this. Please try again shortly; if it happens again, give this reference to whoever runs Regia: \`${ref}\`.`,
  },
  askEmpty: { it: 'Cosa vuoi chiedere? Esempio: `/regia chiedi chi coordina il cantiere 4?`', en: 'What would you like to ask? Example: `/regia ask who leads cantiere 4?`' },
  help: {
    it: [
      '*Regia* — cosa posso fare:',
      '• Menzionami in un canale o scrivimi in privato con una domanda: rispondo nel thread, con le fonti.',
      '• `/regia chiedi <domanda>` — una domanda, risposta visibile solo a te',
      '• `/regia aggiorna [progetto]` — apre il modulo di aggiornamento',
      '• `/regia stato [cantiere o progetto]` — lo stato dei progetti',
      '• `/regia riepilogo [cantiere]` — anteprima del riepilogo settimanale',
      '• `@regia aggiorna ZLS: firmato il protocollo, siamo al 40%` — anteprima da confermare',
      '• Azione sul messaggio *Log as progress update* — trasforma un messaggio in aggiornamento',
      '• Condividi un file (PDF, DOCX, ...) con me in privato, o in un canale menzionandomi, o con l\'azione *Add to Regia*: lo aggiungo ai documenti (team leader e amministratori)',
      '• `/regia documenti` — i documenti in Regia (gli amministratori possono rimuoverli)',
      '• `/regia quadro` — il link al quadro web del programma (amministratori)',
      '• `/regia rapporto` — il rapporto di monitoraggio in PDF, in privato (amministratori)',
      '• La scheda *Home* dell\'app mostra il quadro dei progetti.',
    ].join('\n'),
    en: [
      '*Regia* — what I can do:',
      '• Mention me in a channel or DM me a question: I answer in the thread, with sources.',
      '• `/regia ask <question>` — a question, answered only to you',
      '• `/regia update [project]` — opens the progress update form',
      '• `/regia status [cantiere or project]` — project status',
      '• `/regia digest [cantiere]` — a preview of the weekly digest',
      '• `@regia update ZLS: protocol signed, 40% done` — a preview to confirm',
      '• Message shortcut *Log as progress update* — turns a message into an update',
      '• Share a file (PDF, DOCX, ...) with me in a DM, in a channel mentioning me, or with the *Add to Regia* shortcut: I add it to the documents (team leaders and admins)',
      '• `/regia documents` — the documents in Regia (admins can remove them)',
      '• `/regia board` — the link to the programme\'s web board (admins)',
      '• `/regia report` — the monitoring report as a PDF, in a direct message (admins)',
      '• The app\'s *Home* tab shows the status board.',
    ].join('\n'),
  },
} as const;

export function t<K extends keyof typeof T>(key: K, lang: Lang): (typeof T)[K][Lang] {
  return T[key][lang];
}

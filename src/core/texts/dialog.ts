import type { Table } from './entry.ts';

/** The step-by-step update dialog (console chat, DMs). */
export const DIALOG_TEXTS = {
  'dialog.noProgramme': { it: 'Nessun programma caricato: non posso registrare aggiornamenti.', en: 'No programme loaded: I cannot log updates.' },
  'dialog.newUpdate': { it: 'Nuovo aggiornamento di progetto.', en: 'New project update.' },
  'dialog.optionalHint': {
    it: '(«salta» per lasciarlo vuoto, «indietro» per tornare, «annulla» per uscire)',
    en: '("skip" to leave it empty, "back" to go back, "cancel" to stop)',
  },
  'dialog.requiredHint': { it: '(«indietro» per tornare, «annulla» per uscire)', en: '("back" to go back, "cancel" to stop)' },
  'dialog.revisionOf': { it: (id: number) => `Correzione dell'aggiornamento #${id}:`, en: (id: number) => `Revision of update #${id}:` },
  'dialog.hereIsUpdate': { it: "Ecco l'aggiornamento:", en: 'Here is the update:' },
  'dialog.saveEditCancel': { it: 'Rispondi «salva», «modifica» o «annulla».', en: 'Reply "save", "edit" or "cancel".' },
  'dialog.notUnderstood': { it: 'Non ho capito: rispondi «salva», «modifica» o «annulla».', en: 'Sorry, reply "save", "edit" or "cancel".' },
  'dialog.firstQuestion': { it: 'Sei già alla prima domanda.', en: 'This is already the first question.' },
  'dialog.whichField': { it: 'Non ho capito quale campo. ', en: 'Which field? ' },
  'dialog.chooseField': {
    it: "Cosa vuoi modificare? (numero o nome del campo; «indietro» per tornare all'anteprima)",
    en: 'What do you want to change? (number or field name; "back" for the preview)',
  },
  'dialog.now': { it: 'Ora', en: 'Now' },
  'dialog.notSaved': { it: 'Aggiornamento non salvato.', en: 'Update not saved.' },
  'dialog.notAnnounced': {
    it: (ref: string) => ` Non sono riuscito a pubblicarlo nel canale del cantiere (riferimento ${ref}).`,
    en: (ref: string) => ` I could not post it in the cantiere's channel (reference ${ref}).`,
  },
  'dialog.saved': {
    it: (id: number, project: string) => `Salvato: aggiornamento #${id} per «${project}». Per correggerlo scrivi «modifica».`,
    en: (id: number, project: string) => `Saved: update #${id} for "${project}". To correct it, reply "edit".`,
  },
  'dialog.waitingField': {
    it: (label: string) => `(Aggiornamento in corso: rispondi a «${label}?» oppure scrivi «annulla».)`,
    en: (label: string) => `(Update in progress: answer "${label}?" or reply "cancel".)`,
  },
  'dialog.waitingPreview': {
    it: '(Aggiornamento in attesa: rispondi «salva», «modifica» o «annulla».)',
    en: '(Update waiting: reply "save", "edit" or "cancel".)',
  },
} as const satisfies Table;

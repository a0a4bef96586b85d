import type { Lang } from '../core/types.ts';

/** Every word the status board shows, in Italian and English. */
const TEXTS = {
  boardTitle: { it: 'Stato del programma', en: 'Programme status' },
  cantiere: { it: 'Cantiere', en: 'Cantiere' },
  switchTo: { it: 'English', en: 'Italiano' },
  switchLabel: { it: 'Switch to English', en: 'Passa all’italiano' },
  skipToContent: { it: 'Vai al contenuto', en: 'Skip to content' },
  noProgramme: { it: 'Nessun programma caricato: eseguire «regia programme load FILE».', en: 'No programme loaded: run "regia programme load FILE".' },
  neverUpdated: { it: 'Nessun aggiornamento', en: 'No update yet' },
  stale: { it: 'Da aggiornare', en: 'Stale' },
  staleNote: { it: (d: number) => `senza aggiornamenti da più di ${d} giorni`, en: (d: number) => `no update for more than ${d} days` },
  progressOf: { it: (name: string) => `Avanzamento di ${name}`, en: (name: string) => `Progress of ${name}` },
  lastUpdate: { it: 'Ultimo aggiornamento', en: 'Last update' },
  by: { it: 'di', en: 'by' },
  blockers: { it: 'Ostacoli', en: 'Blockers' },
  nextDue: { it: 'Prossima scadenza', en: 'Next due date' },
  overdue: { it: 'scaduta', en: 'overdue' },
  nextSteps: { it: 'Prossimi passi', en: 'Next steps' },
  history: { it: 'Storia degli aggiornamenti', en: 'History of updates' },
  noHistory: { it: 'Nessun aggiornamento registrato.', en: 'No update logged.' },
  documents: { it: 'Documenti', en: 'Documents' },
  noDocuments: { it: 'Nessun documento collegato.', en: 'No linked document.' },
  indicators: { it: 'Indicatori', en: 'Indicators' },
  target: { it: 'obiettivo', en: 'target' },
  baseline: { it: 'base', en: 'baseline' },
  backToBoard: { it: '← Tutto il programma', en: '← Whole programme' },
  revised: { it: 'rettifica', en: 'revision' },
  refreshedAt: { it: (time: string) => `Aggiornato alle ${time}`, en: (time: string) => `Refreshed at ${time}` },
  linkExpires: { it: (date: string) => `Link valido fino al ${date}`, en: (date: string) => `Link valid until ${date}` },
  deniedTitle: { it: 'Accesso non consentito', en: 'Access denied' },
  deniedMissing: {
    it: 'Per vedere il quadro serve il link firmato che Regia fornisce agli amministratori («/regia board» in chat, «regia board --url» sul server).',
    en: 'The board needs the signed link Regia gives admins ("/regia board" in chat, "regia board --url" on the server).',
  },
  deniedExpired: { it: 'Questo link è scaduto: chiedete a Regia un link nuovo («/regia board»).', en: 'This link has expired: ask Regia for a new one ("/regia board").' },
  deniedInvalid: { it: 'Questo link non è valido: chiedete a Regia un link nuovo («/regia board»).', en: 'This link is not valid: ask Regia for a new one ("/regia board").' },
  notFound: { it: 'Progetto non trovato.', en: 'Project not found.' },
  chatLink: {
    it: (url: string, until: string) => `Quadro del programma: ${url}\nIl link è valido fino al ${until}; chi lo riceve vede il quadro senza accedere.`,
    en: (url: string, until: string) => `Programme board: ${url}\nThe link is valid until ${until}; whoever gets it sees the board without signing in.`,
  },
  chatLinkAdminsOnly: { it: 'Solo gli amministratori possono chiedere il link al quadro del programma.', en: 'Only admins can ask for the link to the programme board.' },
  countNone: { it: 'senza aggiornamenti', en: 'never updated' },
  staleCount: { it: 'da aggiornare', en: 'stale' },
};

type Texts = typeof TEXTS;
export type TextKey = keyof Texts;

export function t<K extends TextKey>(key: K, lang: Lang): Texts[K]['it'] {
  return TEXTS[key][lang] as Texts[K]['it'];
}

import type { Lang } from '../core/types.ts';

/** Texts of the monitoring report, in Italian and English (the report is in the programme's language). */

type Bi = Record<Lang, string>;

export const REPORT_TEXT = {
  title: { it: 'Rapporto di monitoraggio', en: 'Monitoring report' } as Bi,
  subtitle: {
    it: (from: string, to: string) => `Periodo dal ${from} al ${to}`,
    en: (from: string, to: string) => `Period from ${from} to ${to}`,
  },
  generated: { it: (d: string) => `Generato il ${d} dai registri di Regia.`, en: (d: string) => `Generated on ${d} from Regia's records.` },
  refsNote: {
    it: 'Ogni dato rimanda alla sua fonte: [U…] un aggiornamento di progetto, [V…] un valore di indicatore registrato, [P] il file di programma (basi e obiettivi). L’elenco delle fonti è in fondo.',
    en: 'Every figure points to its source: [U…] a project update, [V…] a logged indicator value, [P] the programme file (baselines and targets). The list of sources is at the end.',
  } as Bi,
  overview: { it: 'Quadro d’insieme', en: 'Overview' } as Bi,
  overviewProjects: {
    it: (n: number, c: number, counts: string) => `${n} progetti in ${c} cantieri. Stato a fine periodo: ${counts}.`,
    en: (n: number, c: number, counts: string) => `${n} projects in ${c} cantieri. Status at the end of the period: ${counts}.`,
  },
  overviewIndicators: {
    it: (n: number, counts: string) => `${n} indicatori: ${counts}.`,
    en: (n: number, counts: string) => `${n} indicators: ${counts}.`,
  },
  noStatus: { it: 'nessun aggiornamento', en: 'no update' } as Bi,
  cantiere: { it: 'Cantiere', en: 'Cantiere' } as Bi,
  project: { it: 'Progetto', en: 'Project' } as Bi,
  status: { it: 'Stato', en: 'Status' } as Bi,
  progress: { it: 'Avanzamento', en: 'Progress' } as Bi,
  lastUpdate: { it: 'Ultimo aggiornamento', en: 'Last update' } as Bi,
  indicator: { it: 'Indicatore', en: 'Indicator' } as Bi,
  latestValue: { it: 'Ultimo valore', en: 'Latest value' } as Bi,
  target: { it: 'Obiettivo', en: 'Target' } as Bi,
  date: { it: 'Data', en: 'Date' } as Bi,
  value: { it: 'Valore', en: 'Value' } as Bi,
  source: { it: 'Fonte', en: 'Source' } as Bi,
  ref: { it: 'Rif.', en: 'Ref.' } as Bi,
  kind: { it: 'Tipo', en: 'Kind' } as Bi,
  author: { it: 'Autore', en: 'Author' } as Bi,
  content: { it: 'Contenuto', en: 'Content' } as Bi,
  teamLeader: { it: (n: string) => `Team leader: ${n}.`, en: (n: string) => `Team leader: ${n}.` },
  projects: { it: 'Progetti', en: 'Projects' } as Bi,
  historyOf: { it: (n: string) => `Storia nel periodo: ${n}`, en: (n: string) => `History over the period: ${n}` },
  noHistory: {
    it: (names: string) => `Nessun aggiornamento nel periodo per: ${names}.`,
    en: (names: string) => `No update over the period for: ${names}.`,
  },
  blockers: { it: 'Ostacoli e decisioni richieste', en: 'Blockers and decisions needed' } as Bi,
  noBlockers: { it: 'Nessun ostacolo segnalato negli ultimi aggiornamenti.', en: 'No blocker reported in the latest updates.' } as Bi,
  blockerLine: {
    it: (p: string, status: string, text: string) => `${p} (${status}): ${text}`,
    en: (p: string, status: string, text: string) => `${p} (${status}): ${text}`,
  },
  nextSteps: { it: 'prossimi passi', en: 'next steps' } as Bi,
  due: { it: 'scadenza', en: 'due' } as Bi,
  indicators: { it: 'Indicatori', en: 'Indicators' } as Bi,
  noIndicators: { it: 'Nessun indicatore per questo cantiere.', en: 'No indicator for this cantiere.' } as Bi,
  definition: {
    it: (base: string, targets: string, source: string, who: string) => `Base ${base}; ${targets} [P]. ${source}${who}`,
    en: (base: string, targets: string, source: string, who: string) => `Baseline ${base}; ${targets} [P]. ${source}${who}`,
  },
  targetBy: { it: (v: string, d: string) => `obiettivo ${v} entro il ${d}`, en: (v: string, d: string) => `target ${v} by ${d}` },
  baselineAt: { it: (v: string, d: string) => `${v} al ${d}`, en: (v: string, d: string) => `${v} on ${d}` },
  sourceOf: { it: (s: string) => `Fonte dei dati: ${s}. `, en: (s: string) => `Data source: ${s}. ` },
  reporter: { it: (s: string) => `Referente: ${s}.`, en: (s: string) => `Reported by: ${s}.` },
  chartCaption: {
    it: (n: string) => `${n}: valori nel tempo, base (quadrato grigio), obiettivi (rombi rossi) e proiezione della tendenza (tratteggio).`,
    en: (n: string) => `${n}: values over time, baseline (grey square), targets (red diamonds) and the trend's projection (dashed).`,
  },
  chartValue: { it: 'Valori', en: 'Values' } as Bi,
  chartBaseline: { it: 'Base', en: 'Baseline' } as Bi,
  chartTarget: { it: 'Obiettivo', en: 'Target' } as Bi,
  chartTrend: { it: 'Tendenza', en: 'Trend' } as Bi,
  valuesInPeriod: { it: 'Valori registrati', en: 'Logged values' } as Bi,
  sources: { it: 'Fonti', en: 'Sources' } as Bi,
  kinds: {
    update: { it: 'Aggiornamento', en: 'Update' },
    value: { it: 'Valore indicatore', en: 'Indicator value' },
    programme: { it: 'File di programma', en: 'Programme file' },
  } as Record<'update' | 'value' | 'programme', Bi>,
} as const;

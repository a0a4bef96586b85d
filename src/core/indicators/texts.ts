import type { Lang } from '../types.ts';
import type { IndicatorState } from './trend.ts';

/** Texts of the indicator answers and previews, in Italian and English. */

export const INDICATOR_STATE_LABELS: Record<IndicatorState, Record<Lang, string>> = {
  reached: { it: 'Obiettivo raggiunto', en: 'Target reached' },
  on_track: { it: 'In linea con l’obiettivo', en: 'On track' },
  at_risk: { it: 'Obiettivo a rischio', en: 'Target at risk' },
  no_data: { it: 'Nessun valore registrato', en: 'No values logged' },
};

export const INDICATOR_TEXT = {
  latest: { it: (v: string, d: string) => `${v} al ${d}`, en: (v: string, d: string) => `${v} as of ${d}` },
  target: { it: (v: string, d: string) => `obiettivo ${v} entro il ${d}`, en: (v: string, d: string) => `target ${v} by ${d}` },
  gap: { it: (g: string) => `distanza dall’obiettivo: ${g}`, en: (g: string) => `gap to target: ${g}` },
  progress: {
    it: (pct: string, base: string, d: string) => `${pct} del percorso dalla base (${base} al ${d})`,
    en: (pct: string, base: string, d: string) => `${pct} of the way from the baseline (${base} on ${d})`,
  },
  trend: { it: (s: string) => `tendenza ${s} al mese`, en: (s: string) => `trend ${s} a month` },
  projected: {
    it: (v: string, d: string) => `a questo ritmo si arriva a circa ${v} al ${d}`,
    en: (v: string, d: string) => `at this pace it reaches about ${v} by ${d}`,
  },
  verdict: {
    reached: { it: 'obiettivo già raggiunto', en: 'the target is already reached' },
    on_track: { it: 'l’obiettivo è raggiungibile', en: 'the target is within reach' },
    at_risk: { it: 'l’obiettivo è a rischio', en: 'the target is at risk' },
  },
  noTrend: { it: 'un solo valore: tendenza non ancora calcolabile', en: 'one value only: no trend yet' },
  noValues: {
    it: (base: string, d: string, target: string) => `nessun valore registrato finora (base ${base} al ${d}; ${target})`,
    en: (base: string, d: string, target: string) => `no value logged yet (baseline ${base} on ${d}; ${target})`,
  },
  citationTitle: { it: (name: string) => `Valore: ${name}`, en: (name: string) => `Value: ${name}` },
  unknownIndicator: {
    it: (names: string) => `Non trovo l’indicatore a cui ti riferisci. Indicatori del programma: ${names}.`,
    en: (names: string) => `I cannot tell which indicator you mean. The programme's indicators: ${names}.`,
  },
  preview: {
    it: (name: string, value: string, date: string, source: string) =>
      `Indicatore: ${name}\nValore: ${value}\nData della misura: ${date}\nFonte: ${source}`,
    en: (name: string, value: string, date: string, source: string) =>
      `Indicator: ${name}\nValue: ${value}\nMeasured on: ${date}\nSource: ${source}`,
  },
  confirm: { it: 'Rispondi «salva» per registrarlo o «annulla».', en: 'Reply "save" to log it, or "cancel".' },
  saved: {
    it: (name: string, value: string, id: number) => `Registrato: ${name} = ${value} (valore #${id}).`,
    en: (name: string, value: string, id: number) => `Logged: ${name} = ${value} (value #${id}).`,
  },
  cancelled: { it: 'Valore annullato: non ho salvato nulla.', en: 'Value cancelled: nothing was saved.' },
  previewMissing: {
    indicator: { it: 'Quale indicatore? Indicalo per nome.', en: 'Which indicator? Name it.' },
    value: { it: 'Manca il valore misurato.', en: 'The measured value is missing.' },
  },
} as const;

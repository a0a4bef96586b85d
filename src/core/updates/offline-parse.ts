import type { Programme } from '../../programme/model.ts';
import { findDueDate } from './dates.ts';
import { findProjectInText } from './projects.ts';
import type { ParsedUpdate, UpdateStatus } from './schema.ts';
import { fold } from '../language.ts';
import { classifyStatus, type StatusWeights } from './status-classifier.ts';
import { statusFeatures } from './status-features.ts';

/**
 * The offline update parser: cue words and patterns in Italian and English, no model needed.
 * Works on the accent-folded text; offsets in folded text equal offsets in the original for the
 * Latin scripts people write here (NFD + mark removal keeps one char per precomposed letter).
 */

const NEG = String.raw`(?:nessun[oa]?|nessun'|senza|non\s+(?:c'e|ci\s+sono|e|sono|siamo|risulta)?\s*(?:piu\s+|ancora\s+)?|no|not|without|zero|none)\s+(?:\S+\s+)?`;

function cue(body: string): RegExp {
  return new RegExp(String.raw`(?<![\p{L}])(?:${body})(?![\p{L}])`, 'gu');
}

/** A cue counts unless a negation ("nessun", "non", "no", "without") stands right before it. */
function hasCue(text: string, re: RegExp): boolean {
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    if (new RegExp(`${NEG}$`, 'u').test(before) || /(?:^|\s)(?:non|not|no|nessun[oa]?|senza|without)\s+$/u.test(before)) continue;
    // "recuperato il ritardo", "superato il blocco", "resolved the issue": the problem is gone
    if (/(?:recuperat\w*|superat\w*|risolt\w*|rimoss\w*|eliminat\w*|resolved|overcome|removed|cleared|caught\s+up\s+on)\s+(?:(?:il|lo|la|i|gli|le|l'|the|all|tutti\s+i|every)\s*)?$/u.test(before)) continue;
    return true;
  }
  return false;
}

const BLOCKED = cue(String.raw`bloccat[oaie]|blocked|fermo|ferma|fermi|ferme|fermato|in\s+stallo|stallo|stalled|on\s+hold|sospes[oaie]|paralizzat[oaie]|impantanat[oaie]|stuck|halted|frozen|congelat[oaie]|in\s+stand-?by|stand-?by|holding\s+(?:everything|it\s+all|things|us|the\s+work)\s+up|held\s+up|semaforo\s+rosso|red\s+light`);
const AT_RISK = cue(String.raw`in\s+ritardo|ritard\w*|a\s+rischio|rischi\w*|slitt\w*|rinviat[oaie]|rinvio|posticipat[oaie]|criticit\w*|preoccup\w*|difficolt\w*|problem\w*|in\s+affanno|at\s+risk|risk[sy]?|delay\w*|behind(?:\s+schedule)?|slipp\w*|slip|postponed|(?:running|is|are|we're|were|was|are\s+already)\s+late|concern\w*|issues?|critical|semaforo\s+(?:giallo|arancione)|yellow\s+light|amber|non\s+so\s+se\s+(?:chiudiamo|finiamo|riusciamo|ce\s+la\s+facciamo)|not\s+sure\s+(?:we(?:'ll)?|if\s+we)\s+(?:will\s+)?(?:finish|make\s+it|close)`);
const NOT_STARTED = cue(String.raw`non\s+(?:ancora\s+)?(?:e\s+)?(?:stat[oa]\s+)?(?:avviat[oaie]|partit[oaie]|iniziat[oaie]|cominciat[oaie])|ancora\s+da\s+(?:avviare|partire|iniziare)|da\s+avviare|not\s+(?:yet\s+)?(?:been\s+)?started|yet\s+to\s+(?:start|begin)|not\s+begun|non\s+avviato|not\s+started|ha(?:s|ve)(?:n'?t|\s+not)\s+(?:yet\s+)?(?:started|begun|kicked\s+off)|non\s+(?:l'|lo\s+|la\s+)?(?:abbiamo\s+)?ancora\s+(?:apert[oa]|avviat[oa]|iniziat[oa]|partit[oa])|kick-?off\s+(?:is\s+)?(?:planned|scheduled)|avvio\s+previsto|nothing\s+(?:uploaded|done|started)\s+yet`);
const DONE_STRONG = cue(
  String.raw`(?:progetto|attivita|lavori|intervento|percorso|programma|project|work|works|programme|program|everything|tutto)\s+(?:e\s+|sono\s+|is\s+|are\s+|has\s+been\s+|have\s+been\s+|stat[oa]\s+|(?:e|is)\s+(?:ora\s+|now\s+)?)?(?:completat[oaie]|conclus[oaie]|terminat[oaie]|chius[oaie]|ultimat[oaie]|completed|complete|done|finished|closed|over|wrapped\s+up)|chiudiamo\s+(?:l'attivita|il\s+progetto|le\s+attivita|il\s+cantiere)|obiettivo\s+raggiunto|obiettivi\s+raggiunti|target\s+(?:reached|met|achieved)|goal\s+(?:reached|met|achieved)|all\s+done|tutto\s+fatto|mission\s+accomplished|concluso\s+con\s+successo|completed\s+successfully`,
);
/** A whole sentence that is just the verdict: "Completato.", "Fatto!", "Done." */
const DONE_SENTENCE = /^(?:completat[oa]|conclus[oa]|fatto|finito|terminat[oa]|chius[oa]|done|completed|finished|complete|closed)$/u;
const DONE_WEAK = cue(String.raw`completat[oaie]|conclus[oaie]|terminat[oaie]|ultimat[oaie]|completed|finished|done`);
const ON_TRACK = cue(String.raw`in\s+linea|on\s+track|procede\w*|regolar\w*|avviat[oaie]|in\s+corso|partit[oaie]|in\s+progress|progressing|going\s+well|bene|as\s+planned|come\s+previsto|secondo\s+(?:i\s+)?(?:piano|programma|tempi)`);

const NO_BLOCKERS = cue(
  String.raw`nessun\s+blocc\w*|nessun\s+ostacol\w*|nessun[oa]?\s+criticit\w*|nessun\s+problem\w*|nessuna\s+difficolt\w*|senza\s+(?:blocchi|ostacoli|criticita|problemi)|no\s+blockers?|no\s+issues|no\s+problems|nothing\s+blocking|no\s+impediments|not\s+blocked|non\s+(?:ci\s+sono|abbiamo)\s+(?:blocchi|ostacoli|criticita|problemi)`,
);
const BLOCKER_CUE = cue(
  String.raw`blocc\w*|fermo|ferma|stallo|in\s+attesa\s+d\w*|aspettiamo|attendiamo|slitt\w*|rischi\w*|ritard\w*|rinvi\w*|posticip\w*|manca\w*|mancano|criticit\w*|problem\w*|difficolt\w*|ostacol\w*|blocked|blockers?|waiting\s+(?:for|on)|delay\w*|risk\w*|missing|lack\w*|issues?|stuck|on\s+hold|pending|postponed|slipp\w*`,
);
const NEXT_CUE = cue(
  String.raw`prossim[oi]\s+pass[oi]|prossima\s+tappa|prossim[oa]\s+(?:milestone|scadenza|fase|step)|next\s+steps?|next\s+milestone|next\s+up|next|poi|a\s+seguire|seguira|the\s+plan\s+is\s+to|ora\s+(?:serve|servono|bisogna)|bisogna\s+ora|now\s+we\s+need\s+to`,
);

const PERCENT = /(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|per\s*cento|percento|percent|pct)(?![\p{L}])/gu;
const PROGRESS_BEFORE = /(?:siamo|stiamo|arrivati|giunti|sono|e|a|al|allo|at|circa|about|around|approx\w*|roughly|avanzamento|progress\w*|stato\s+di\s+avanzamento|sal|completamento|~|quota)\s*(?:del|al|a|di|is|at|of|:|-|=)?\s*(?:circa|about|around|il|the)?\s*$/u;
const PROGRESS_AFTER = /^\s*(?:done|complete|completed|completat\w*|complet\w*|fatto|realizzat\w*|eseguit\w*|avanzamento|di\s+avanzamento|through|of\s+(?:the\s+)?(?:work|plan|project|target|programme|program)|del\s+(?:piano|progetto|lavoro|programma|percorso|totale|previsto|target|cronoprogramma)|dei\s+lavori|delle\s+attivita)/u;
const PROGRESS_NOT = /(?:del|dello|della|di|by|of|from|da|per|con|del\s+\d+)\s*$|(?:aumento|riduzione|crescita|calo|incremento|increase|decrease|reduction|growth|sconto|cofinanziamento|finanziat\w*|contributo)\s+\S*\s*$/u;
const HALFWAY = cue(String.raw`a\s+meta\s+(?:strada|percorso|del\s+(?:percorso|lavoro|progetto))|a\s+meta(?=\s*[.,;!]|$)|halfway(?:\s+(?:there|through|done))?|half\s+done`);

interface Span {
  start: number;
  end: number;
  text: string;
}

/** Tokens quoted whole: `<...>` sequences (mentions, links, tags) and URLs. */
const TOKEN = /<[^<>\s][^<>\n]*>|(?:https?:\/\/|www\.)[^\s<>]+/giu;

/** Sentences and clauses of the original text with their offsets. */
function sentences(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^.!?;\n]+(?:[.!?;]+|\n|$)/g;
  for (const m of text.matchAll(re)) {
    // Do not split inside numbers like 31.03.2027 or 2.5
    const raw = m[0];
    if (!raw.trim()) continue;
    out.push({ start: m.index, end: m.index + raw.length, text: raw });
  }
  // Merge pieces split inside a number (e.g. "31." + "03.2027") or inside a token the text
  // quotes whole (a URL, a `<...>` sequence such as `<!channel>`): the parser quotes what people
  // wrote and must never cut or re-space it.
  const tokens = [...text.matchAll(TOKEN)].map((m) => [m.index, m.index + m[0].length]);
  const insideToken = (at: number) => tokens.some(([a, b]) => a < at && at < b);
  const merged: Span[] = [];
  for (const s of out) {
    const prev = merged[merged.length - 1];
    if (prev && ((/\d[.]$/.test(prev.text.trimEnd()) && /^\d/.test(s.text)) || insideToken(prev.end))) {
      prev.end = s.end;
      prev.text = text.slice(prev.start, prev.end);
    } else merged.push({ ...s });
  }
  return merged;
}

const clean = (s: string) =>
  s
    .replace(/^[\s,:;\-–—]+|[\s,:;\-–—]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const sentenceCase = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** The share of the work done that a message states (folded text), or null. */
function findProgress(f: string): number | null {
  let progress: number | null = null;
  const percents = [...f.matchAll(PERCENT)];
  const withContext = percents.map((m) => {
    const before = f.slice(Math.max(0, m.index - 40), m.index);
    const after = f.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const value = Number(m[1].replace(',', '.'));
    const cued = PROGRESS_BEFORE.test(before) || PROGRESS_AFTER.test(after);
    const ruledOut = !cued && PROGRESS_NOT.test(before);
    return { value, cued, ruledOut };
  });
  const pick = withContext.find((p) => p.cued) ?? (withContext.length === 1 && !withContext[0].ruledOut ? withContext[0] : undefined);
  if (pick && Number.isFinite(pick.value)) progress = Math.max(0, Math.min(100, Math.round(pick.value)));
  if (progress === null) {
    // "3/4 done", "2 su 5 completati": a fraction of the work
    const frac = /(?<![\d/])(\d{1,3})\s*(?:\/|su|out\s+of|of)\s*(\d{1,3})(?![\d/])\s*(?:\p{L}+\s+){0,2}?(?:done|complete|completed|completat\w*|fatt[ie]|realizzat\w*|conclus\w*|finished)(?![\p{L}])/u.exec(f);
    if (frac && Number(frac[2]) > 0 && Number(frac[1]) <= Number(frac[2])) progress = Math.round((Number(frac[1]) / Number(frac[2])) * 100);
  }
  if (progress === null) {
    // "avanzamento 65", "progress: 40" (a number right after the word, no % sign)
    const bare = /(?<![\p{L}])(?:avanzamento|progress|completamento|stato\s+di\s+avanzamento)\s*(?:del|al|a|di|is|at|of|:|=|-)?\s*(?:circa\s+|about\s+)?(\d{1,3})(?!\d|[.,]\d|\/|\s*(?:giorn|days?|settiman|weeks?|mes|months?|anni|years?|euro|€))/u.exec(f);
    if (bare && Number(bare[1]) <= 100) progress = Number(bare[1]);
  }
  if (progress === null && hasCue(f, HALFWAY)) progress = 50;
  return progress;
}

/**
 * The status the cue patterns give (the parser's rule before the fitted classifier): the
 * strongest cue wins. Kept as the baseline that scripts/fit-status.ts measures the classifier
 * against in the same run.
 */
function statusByCuePatterns(f: string, sents: Span[], progress: number | null, nextSteps: string | null): UpdateStatus | null {
  // Status: the strongest signal wins; "20% done" is progress, not a verdict.
  const fs = f.replace(new RegExp(String.raw`${PERCENT.source}\s*(?:done|complete|completed|completat\w*|fatto|realizzat\w*)?`, 'gu'), ' ');
  const sentenceVerdict = sents.some((s) => DONE_SENTENCE.test(fold(s.text).replace(/[^\p{L}\s']/gu, '').trim()));
  let status: UpdateStatus | null = null;
  const hasBlockedCue = hasCue(fs, BLOCKED);
  const hasRiskCue = hasCue(fs, AT_RISK);
  if (hasBlockedCue) status = 'blocked';
  else if (hasRiskCue) status = 'at_risk';
  else if (hasCue(fs, NOT_STARTED)) status = 'not_started';
  else if (sentenceVerdict || hasCue(fs, DONE_STRONG) || progress === 100) status = 'done';
  else if (hasCue(fs, DONE_WEAK) && progress === null && !nextSteps) status = 'done';
  else if (hasCue(fs, ON_TRACK) || f.trim().length > 0) status = 'on_track';
  if (status === 'done' && progress !== null && progress < 100 && !sentenceVerdict && !hasCue(fs, DONE_STRONG)) status = 'on_track';
  return status;
}

export interface OfflineParseOptions {
  now?: Date;
  timeZone?: string;
  /** `cues`: the cue patterns' status instead of the fitted classifier's (for measuring one against the other). */
  status?: 'fitted' | 'cues';
  /** Classifier weights other than the data file's (fitting on one programme, judging on another). */
  statusWeights?: StatusWeights;
}

/** What the status classifier reads of a message: the same inputs `parseUpdateOffline` gives it. */
export function statusFeaturesOfMessage(programme: Programme | null, original: string, opts: OfflineParseOptions = {}): number[] {
  const text = original.replace(/\s+/g, ' ').trim();
  return statusFeatures(text, programme, { progress: findProgress(fold(text)), dueDate: findDueDate(text, opts.now ?? new Date(), opts.timeZone) });
}

export function parseUpdateOffline(programme: Programme | null, original: string, opts: OfflineParseOptions = {}): ParsedUpdate {
  const text = original.replace(/\s+/g, ' ').trim();
  const f = fold(text);
  const now = opts.now ?? new Date();

  // Project
  const match = programme ? findProjectInText(programme, text) : null;
  const project = match?.project.id ?? null;

  let progress = findProgress(f);

  // Next steps: from the cue to the end of its sentence.
  let nextSteps: string | null = null;
  let nextSpan: Span | null = null;
  for (const m of f.matchAll(NEXT_CUE)) {
    const sent = sentences(text).find((s) => m.index >= s.start && m.index < s.end);
    if (!sent) continue;
    // "next" only as a heading ("next: ...", "next, ...") or at a clause start
    const tail = f.slice(m.index + m[0].length);
    if (/^(next|poi)$/.test(m[0]) && !/^\s*[:,\-–]/.test(tail) && !/(?:^|[,;:.]\s*|\band\s+|\be\s+)$/.test(f.slice(sent.start, m.index))) continue;
    const body = clean(text.slice(m.index + m[0].length, sent.end).replace(/^\s*(?:[:,\-–]|(?:e|è|is|sara|sarà|will\s+be)(?=\s))\s*/i, ''));
    if (!body) continue;
    nextSteps = sentenceCase(body.replace(/[.!]+$/, ''));
    nextSpan = { start: m.index, end: sent.end, text: text.slice(m.index, sent.end) };
    break;
  }

  // Blockers
  const sents = sentences(text);
  let blockers: string | null = null;
  const noBlockers = hasCue(f, NO_BLOCKERS) || [...f.matchAll(NO_BLOCKERS)].length > 0;
  const labelled = /(?<![\p{L}])(?:blocchi|blocco|ostacoli|criticita|blockers?|issues|problemi|rischi|risks)\s*:\s*([^.;!?\n]+)/u.exec(f);
  if (labelled && !/^\s*(?:nessun\w*|none|no|nulla|niente|-)\b/.test(labelled[1])) {
    blockers = sentenceCase(clean(text.slice(labelled.index + labelled[0].length - labelled[1].length, labelled.index + labelled[0].length)));
  } else {
    const pieces: string[] = [];
    for (const s of sents) {
      if (nextSpan && s.start >= nextSpan.start) continue;
      const sf = f.slice(s.start, s.end);
      if (!hasCue(sf, BLOCKER_CUE)) continue;
      // Keep the clause carrying the cue: after "ma"/"but"/"però" when present.
      let clause = s.text;
      const turn = /(?:,\s*|\s)(?:ma|pero|però|but|however|tuttavia)\s/iu.exec(fold(clause));
      if (turn && hasCue(fold(clause.slice(turn.index)), BLOCKER_CUE)) clause = clause.slice(turn.index + turn[0].length);
      // Drop a leading "Project:" label
      if (match) {
        const lead = fold(clause).indexOf(':');
        if (lead >= 0 && lead < 60 && findProjectInText(programme!, clause.slice(0, lead))) clause = clause.slice(lead + 1);
      }
      pieces.push(clean(clause).replace(/[.!]+$/, ''));
    }
    if (pieces.length) blockers = sentenceCase(pieces.join('; '));
  }
  if (noBlockers && blockers && hasCue(fold(blockers), NO_BLOCKERS)) blockers = null;

  const dueDate = findDueDate(text, now, opts.timeZone);
  const status =
    opts.status === 'cues'
      ? statusByCuePatterns(f, sents, progress, nextSteps)
      : classifyStatus(statusFeatures(text, programme, { progress, dueDate }), opts.statusWeights).status;
  if (status === 'done' && progress === null) progress = 100;
  if (status === 'not_started' && progress === null) progress = 0;
  if ((status === 'blocked' || status === 'at_risk') && !blockers && !noBlockers) {
    const s = sents.find((x) => hasCue(f.slice(x.start, x.end), status === 'blocked' ? BLOCKED : AT_RISK));
    if (s) blockers = sentenceCase(clean(s.text).replace(/[.!]+$/, ''));
  }

  // Summary: what happened = the message without its label, next steps and "no blockers" remark.
  let body = text;
  if (nextSpan) body = body.slice(0, nextSpan.start) + body.slice(nextSpan.end);
  body = body.replace(/^\s*(?:aggiornamento|update|upd|aggiorna)\b\s*(?:su|sul|sulla|sullo|on|for|per)?\s*/iu, '');
  // A leading "Project:" / "Project -" label is not part of what happened.
  const label = /^([^:.!?]{1,80}?)\s*(?::|\s[-–—]\s)/u.exec(body);
  if (programme && label && findProjectInText(programme, label[1])) body = body.slice(label[0].length);
  // Kept sentences are joined as written (adjacent ones without an added space), so the summary
  // quotes the message rather than re-spacing it.
  let summaryText = '';
  let lastEnd = -1;
  for (const s of sentences(body)) {
    const c = clean(s.text);
    if (!c || (hasCue(fold(c), NO_BLOCKERS) && fold(c).replace(NO_BLOCKERS, '').replace(/[^\p{L}]/gu, '').length < 4)) continue;
    summaryText += s.start === lastEnd ? s.text : ` ${s.text}`;
    lastEnd = s.end;
  }
  const summary = clean(summaryText) || clean(text) || null;

  return {
    project,
    status: text ? status : null,
    progress,
    summary: summary ? sentenceCase(summary) : null,
    next_steps: nextSteps,
    blockers,
    due_date: dueDate,
  };
}

/** The status a short answer names by its cue words ("bloccato", "in ritardo", "fatto"), or null. */
export function statusFromCues(text: string): UpdateStatus | null {
  const f = fold(text);
  if (hasCue(f, BLOCKED)) return 'blocked';
  if (hasCue(f, AT_RISK)) return 'at_risk';
  if (hasCue(f, NOT_STARTED)) return 'not_started';
  if (DONE_SENTENCE.test(f.replace(/[^\p{L}\s']/gu, '').trim()) || hasCue(f, DONE_STRONG) || hasCue(f, DONE_WEAK)) return 'done';
  if (hasCue(f, ON_TRACK)) return 'on_track';
  return null;
}

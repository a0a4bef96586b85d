import type { AppContext } from '../../app.ts';
import type { Db } from '../../../db/client.ts';
import { STOP_WORDS } from '../embedding/analyze.ts';
import { cognateCandidates } from '../vocabulary/cognates.ts';
import { englishLemmas } from '../vocabulary/english-forms.ts';
import { synonymsOf, thesaurus, type Thesaurus } from '../vocabulary/thesaurus.ts';
import type { Programme } from '../../programme/model.ts';
import { analyzeQuery, type QueryAnalysis, wordsToGuess, wordsToParaphrase } from './query.ts';

/** Shortest Italian form kept: shorter guesses meet unrelated words by chance. */
const MIN_FORM = 5;

/**
 * The Italian forms of English words that the programme's documents use, among the words'
 * spelling cognates (see vocabulary/cognates.ts): "promoters" -> "promotore", "promotori" when
 * the documents say so. One look-up of the indexed words (lexeme_stats, the plain configuration),
 * so a guess becomes a translation only where the documents confirm it.
 */
export async function corpusCognates(db: Db, englishWords: string[]): Promise<Map<string, string[]>> {
  const byForm = new Map<string, Set<string>>();
  for (const w of englishWords) {
    for (const form of [w, ...englishLemmas(w)].flatMap(cognateCandidates)) {
      if (form.length < MIN_FORM || STOP_WORDS.has(form)) continue;
      const ws = byForm.get(form) ?? new Set<string>();
      ws.add(w);
      byForm.set(form, ws);
    }
  }
  const out = new Map<string, string[]>();
  const add = (w: string, form: string) => out.set(w, [...new Set([...(out.get(w) ?? []), form])]);
  if (byForm.size) {
    const rows = await db.query<{ lexeme: string }>(
      `SELECT lexeme FROM lexeme_stats WHERE config = 'simple' AND chunks > 0 AND lexeme = ANY($1::text[]) ORDER BY lexeme`,
      [[...byForm.keys()]],
    );
    for (const { lexeme } of rows) for (const w of byForm.get(lexeme) ?? []) add(w, lexeme);
  }
  for (const { head, lexeme } of await corpusCompounds(db, englishWords)) add(head, lexeme);
  return out;
}

/** Shortest English word read as the first part of a compound: shorter ones start words by chance. */
const MIN_COMPOUND_HEAD = 5;

/**
 * The documents' words made of an English word and another word of the documents (at least four
 * letters): "cyber" -> "cybersicurezza", Italian writing the loan as the first part of a compound.
 * The second part must itself be indexed, so a word that merely starts alike is not one.
 */
async function corpusCompounds(db: Db, englishWords: string[]): Promise<{ head: string; lexeme: string }[]> {
  const heads = [...new Set(englishWords.filter((w) => w.length >= MIN_COMPOUND_HEAD && /^[a-z]+$/.test(w)))];
  if (!heads.length) return [];
  // A prefix as a byte range (C collation), so the primary key answers it on any database collation.
  return db.query<{ head: string; lexeme: string }>(
    `SELECT h.head, s.lexeme FROM unnest($1::text[]) AS h(head)
     JOIN lexeme_stats s ON s.config = 'simple' AND s.chunks > 0
       AND s.lexeme COLLATE "C" > h.head AND s.lexeme COLLATE "C" < h.head || chr(1114111)
     WHERE s.lexeme ~ ('^' || h.head || '[[:alpha:]]{4,}$')
       AND EXISTS (SELECT 1 FROM lexeme_stats t WHERE t.config = 'simple' AND t.chunks > 0 AND t.lexeme = substr(s.lexeme, length(h.head) + 1))
     ORDER BY h.head, s.lexeme`,
    [heads],
  );
}

/**
 * The thesaurus' synonyms of Italian words the programme's documents never use, kept where the
 * documents use them ("atenei" -> "università" when the documents say so). A word the documents
 * use is left alone: the thesaurus knows every sense of a word, the documents' own word is the
 * one meant. One look-up of the indexed stems (lexeme_stats, the Italian configuration), so any
 * form of a word counts.
 */
export async function corpusSynonyms(db: Db, italianWords: string[], t: Thesaurus = thesaurus()): Promise<Map<string, string[]>> {
  const candidates = new Map(italianWords.map((w) => [w, synonymsOf(w, t)] as const).filter(([, s]) => s.length));
  const out = new Map<string, string[]>();
  if (!candidates.size) return out;
  const rows = await db.query<{ word: string }>(
    `SELECT DISTINCT w.word FROM unnest($1::text[]) AS w(word)
     CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector('italian', w.word))) AS l(lexeme)
     JOIN lexeme_stats s ON s.config = 'italian' AND s.lexeme = l.lexeme AND s.chunks > 0`,
    [[...new Set([...candidates.keys(), ...[...candidates.values()].flat()])]],
  );
  const used = new Set(rows.map((r) => r.word));
  for (const [w, synonyms] of candidates) {
    if (used.has(w)) continue;
    const kept = synonyms.filter((s) => used.has(s));
    if (kept.length) out.set(w, kept);
  }
  return out;
}

/**
 * Reads a question (see analyzeQuery), with the words the vocabulary does not know rendered by
 * words of the programme's documents: an English word by its cognates, an Italian word the
 * documents never use by its synonyms.
 */
export async function analyzeQuestion(app: Pick<AppContext, 'db'>, question: string, programme: Programme | null): Promise<QueryAnalysis> {
  const q = analyzeQuery(question, programme);
  const guess = wordsToGuess(q);
  const paraphrase = wordsToParaphrase(q);
  if (!guess.length && !paraphrase.length) return q;
  const renderings = guess.length ? await corpusCognates(app.db, guess) : await corpusSynonyms(app.db, paraphrase);
  return renderings.size ? analyzeQuery(question, programme, renderings) : q;
}

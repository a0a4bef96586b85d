import { describe, expect, test } from 'vitest';
import { ExtractiveWriter } from '../../../src/core/answer/extractive.ts';
import type { Passage } from '../../../src/core/answer/passages.ts';
import { acronymExpansions } from '../../../src/core/answer/reader/acronyms.ts';
import { newMatches, typeMatches } from '../../../src/core/answer/reader/answer-types.ts';
import { candidatesOf } from '../../../src/core/answer/reader/candidates.ts';
import { attributeConcepts, CONTRADICTIONS, EVIDENCE, evidenceOf } from '../../../src/core/answer/reader/evidence.ts';
import { FEATURES } from '../../../src/core/answer/reader/features.ts';
import { evaluateReader, falseAbstainThreshold, fitReader, separation, type ReaderExample } from '../../../src/core/answer/reader/fit.ts';
import { fitConditionalLogit } from '../../../src/core/answer/reader/model.ts';
import { read } from '../../../src/core/answer/reader/reader.ts';
import { inEnglish } from '../../../src/core/answer/in-english.ts';
import { answerSpan, quoteAround } from '../../../src/core/answer/reader/span.ts';
import { analyzeQuery, wordsToGuess } from '../../../src/core/retrieval/query.ts';
import type { Programme } from '../../../src/programme/model.ts';

const passage = (text: string, extra: Partial<Passage> = {}): Passage => ({ n: 1, rank: 1, source: 'doc.md', title: 'Documento', section: '', text, ...extra });
const write = (question: string, ps: Passage[]) => new ExtractiveWriter().write({ analysis: analyzeQuery(question, null), passages: ps });

describe('answer candidates', () => {
  test('a list item keeps the line that introduces it, a table row its header', () => {
    const cs = candidatesOf(passage('Le misure finanziate sono le seguenti:\n- Polo Strategico Nazionale\n- migrazione al cloud\n\n| Misura | Importo |\n|---|---|\n| 1.1 | 900 milioni |'));
    expect(cs.find((c) => c.text.includes('migrazione'))).toMatchObject({ kind: 'item', text: 'Le misure finanziate sono le seguenti: migrazione al cloud' });
    expect(cs.find((c) => c.kind === 'row')?.text).toBe('Misura: 1.1; Importo: 900 milioni');
  });

  test('a list is also read whole, with its lead-in line; one item alone is no list', () => {
    const cs = candidatesOf(passage('I dati sono classificati in tre classi:\n- strategici;\n- critici;\n- ordinari.\nAltro testo.\n- un solo punto'));
    expect(cs.filter((c) => c.kind === 'list').map((c) => c.text)).toEqual(['I dati sono classificati in tre classi: strategici; critici; ordinari']);
    expect(cs.filter((c) => c.kind === 'item')).toHaveLength(4);
  });

  test('a list written inside a sentence after a colon is told apart when a list is asked for', () => {
    const ps = [passage('Il kit per i siti dei Comuni comprende tre strumenti: il modello grafico, il codice HTML e il tema per il CMS. Il kit è gratuito e aggiornato ogni anno.')];
    const f = FEATURES.indexOf('enumAsked');
    const [listed, plain] = candidatesOf(ps[0]);
    const asked = read(analyzeQuery('what does the kit for municipal websites include?', null), ps).ranked;
    expect(asked.find((s) => s.candidate === listed || s.candidate.text === listed.text)?.features[f]).toBe(1);
    expect(asked.find((s) => s.candidate.text === plain.text)?.features[f]).toBe(0);
    // Asked for something else, the same sentence is no answer to a list question.
    expect(read(analyzeQuery('is the kit free?', null), ps).ranked.every((s) => s.features[f] === 0)).toBe(true);
  });

  test('a list question is answered by the whole list', async () => {
    const answer = await write('quali sono le classi dei dati della PA?', [passage('La classificazione dei dati della PA prevede tre classi:\n- dati strategici\n- dati critici\n- dati ordinari')]);
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('dati strategici; dati critici; dati ordinari');
  });

  test('items marked by letters or roman numerals are list items, read with the sentence that introduces them', () => {
    const cs = candidatesOf(passage("Il tavolo ha lavorato per due anni. Ha individuato quattro ambiti di intervento:\na) mini-idroelettrico\nb) biogas e biomasse\nc) efficienza energetica\n\nIl Comune attiva due servizi:\ni. la prima tipologia, obbligatoria, relativa al codice della strada;\nii. la seconda, a scelta del Comune."));
    expect(cs.filter((c) => c.kind === 'list').map((c) => c.text)).toEqual([
      'Ha individuato quattro ambiti di intervento: mini-idroelettrico; biogas e biomasse; efficienza energetica',
      'Il Comune attiva due servizi: la prima tipologia, obbligatoria, relativa al codice della strada; la seconda, a scelta del Comune',
    ]);
    expect(cs.find((c) => c.kind === 'item' && c.text.includes('codice della strada'))?.text).toBe('Il Comune attiva due servizi: la prima tipologia, obbligatoria, relativa al codice della strada;');
  });

  test('a list written on one line, as PDF text has it, is read as a list; stray letters in brackets are not', () => {
    const cs = candidatesOf(passage('Il tavolo ha individuato quattro ambiti di intervento: a) mini-idroelettrico b) biogas e biomasse c) solare termico d) efficienza energetica. Ogni ambito ha avuto un incontro.'));
    expect(cs.find((c) => c.kind === 'list')?.text).toBe('Il tavolo ha individuato quattro ambiti di intervento: mini-idroelettrico; biogas e biomasse; solare termico; efficienza energetica');
    expect(cs.find((c) => c.kind === 'item' && c.text.includes('biogas'))?.text).toBe('Il tavolo ha individuato quattro ambiti di intervento: biogas e biomasse');
    expect(cs.find((c) => c.kind === 'sentence' && c.text.startsWith('Ogni'))).toBeDefined();
    expect(candidatesOf(passage('Si veda il punto e) del bando e il punto b) della nota.')).map((c) => c.kind)).toEqual(['sentence']);
    const roman = candidatesOf(passage('La strategia si muove lungo tre direttrici: i) la creazione del Polo, ii) la qualificazione dei servizi cloud e iii) la classificazione dei dati.'));
    expect(roman.find((c) => c.kind === 'list')?.text).toBe('La strategia si muove lungo tre direttrici: la creazione del Polo; la qualificazione dei servizi cloud; la classificazione dei dati');
  });

  test('a one-cell table line is a paragraph; a block of one-cell lines is a row, read with the header block', () => {
    const phases = candidatesOf(passage('Le fasi:\n\n| FASE 1 - Bando: entro la fine del 2021 si pubblica il bando.\n\n| FASE 3 - Migrazione: da concludersi entro la fine del 2025.'));
    expect(phases.map((c) => c.kind)).not.toContain('row');
    expect(phases.find((c) => c.text.includes('FASE 3'))?.text).toBe('FASE 3 - Migrazione: da concludersi entro la fine del 2025.');
    const table = candidatesOf(passage('Chi fa cosa:\n\n|\n| SCENARIO 0\n| SCENARIO 1\n\n| Soggetto Attuatore\n| Comune\n| Unione'));
    expect(table.filter((c) => c.kind === 'row').map((c) => c.text)).toEqual(['Soggetto Attuatore; SCENARIO 0: Comune; SCENARIO 1: Unione']);
  });

  test("a marked heading, such as a FAQ's question, heads the answer under it", () => {
    const cs = candidatesOf(passage('### Quali sono i servizi attivabili?\n\nIl Comune attiva due servizi di notifica.'));
    expect(cs.find((c) => c.kind === 'heading')?.text).toBe('Quali sono i servizi attivabili? Il Comune attiva due servizi di notifica.');
    expect(cs.find((c) => c.kind === 'sentence')).toMatchObject({ text: 'Il Comune attiva due servizi di notifica.', lead: 'Quali sono i servizi attivabili?' });
  });

  test('a heading is read with the first line under it', () => {
    const cs = candidatesOf(passage('Soluzioni standard\n\nPer le misure con oltre 1.000 PA è previsto un accesso semplificato. Altro testo.'));
    expect(cs.find((c) => c.kind === 'heading')?.text).toBe('Soluzioni standard: Per le misure con oltre 1.000 PA è previsto un accesso semplificato.');
  });

  test('an acronym is a candidate with the words its initials spell, whichever side the brackets are', () => {
    expect(acronymExpansions("L'infrastruttura è il Polo Strategico Nazionale (PSN), gestito da una società.").map((e) => e.text)).toEqual(['Polo Strategico Nazionale (PSN)']);
    expect(acronymExpansions('La PDND (Piattaforma Digitale Nazionale Dati) abilita lo scambio.').map((e) => e.expansion)).toEqual(['Piattaforma Digitale Nazionale Dati']);
    expect(acronymExpansions('Il principio Do No Significant Harm (DNSH) vale per tutti.').map((e) => e.acronym)).toEqual(['DNSH']);
    // Brackets whose words do not spell the acronym are no expansion.
    expect(acronymExpansions('Il bando è stato pubblicato dal Comune (ANAC).')).toEqual([]);
    const cs = candidatesOf(passage("Nasce l'Agenzia per la Cybersicurezza Nazionale (ACN) con compiti di vigilanza."));
    expect(cs.find((c) => c.kind === 'acronym')).toMatchObject({ text: 'Agenzia per la Cybersicurezza Nazionale (ACN)', around: [expect.stringContaining('vigilanza')] });
  });

  test('an acronym given after its words inside brackets, after a comma, is an expansion too', () => {
    const text = 'La norma istituisce il registro (c.d. Registro Nazionale degli Aiuti, RNA) presso il Ministero.';
    expect(acronymExpansions(text).map((e) => e.text)).toEqual(['Registro Nazionale degli Aiuti (RNA)']);
    expect(candidatesOf(passage(text)).find((c) => c.kind === 'acronym')?.text).toBe('Registro Nazionale degli Aiuti (RNA)');
  });

  test("asked what an acronym is, only a text that expands it holds the asked-for thing", () => {
    const ps = [passage('I servizi del RUNTS, ovvero le iscrizioni e le revisioni, sono gestiti dalle Regioni. Il Registro Unico Nazionale del Terzo Settore (RUNTS) è operativo dal 2021.')];
    const typeMatch = FEATURES.indexOf('typeMatch');
    const ranked = read(analyzeQuery('What is RUNTS?', null), ps).ranked;
    const using = ranked.find((s) => s.candidate.text.startsWith('I servizi del RUNTS'));
    const expanding = ranked.find((s) => s.candidate.text.startsWith('Il Registro Unico'));
    expect(using?.features[typeMatch]).toBe(0);
    expect(expanding?.features[typeMatch]).toBe(1);
  });

  test('a cause or a purpose is found by the words that give it, even the ones the question asks with', () => {
    const text = 'Il codice è richiesto perché i servizi non vengano contati due volte, al fine di evitare doppi finanziamenti.';
    expect(typeMatches(text, 'reason').map((m) => m.text)).toEqual(['perché', 'al fine di']);
    expect(newMatches(text, 'reason', 'perché è richiesto il codice?').map((m) => m.text)).toEqual(['perché', 'al fine di']);
  });

  test("what an English question already says is no answer in Italian text: the same amount or month written the other way", () => {
    const question = 'how much of the €25,000 grant for the Rovato library goes to furniture, from the March 2024 call?';
    expect(newMatches('Il bando di marzo 2024 assegna alla biblioteca di Rovato un contributo di €25.000.', 'money', question)).toEqual([]);
    expect(newMatches('Il bando di marzo 2024 assegna alla biblioteca di Rovato un contributo di €25.000.', 'date', question)).toEqual([]);
    expect(newMatches('Del contributo di €25.000, 4.000 euro vanno agli arredi.', 'money', question).map((m) => m.text)).toEqual(['4.000 euro']);
    expect(newMatches('Gli arredi vanno acquistati entro il 30 aprile 2024.', 'date', question).map((m) => m.text)).toEqual(['30 aprile 2024']);
  });

  test('the date of the end of the period asked is the answer, though a time with a dot stands between the cue and the date', () => {
    const text = "Il decreto del 18 ottobre 2022 istituisce l'avviso, aperto fino ad esaurimento delle risorse e comunque non oltre le ore 23.59 del 24 novembre 2024.";
    expect(answerSpan(text, analyzeQuery("fino a quando resta aperto l'avviso?", null))?.text).toBe('24 novembre 2024');
  });

  test('durations, shares and bodies are found in the text as whole things', () => {
    expect(typeMatches('Le PA hanno 20 giorni per rispondere e i servizi restano attivi per cinque anni.', 'duration').map((m) => m.text)).toEqual(['20 giorni', 'cinque anni']);
    expect(typeMatches('Al digitale va il 27% delle risorse, circa un quarto del totale.', 'share').map((m) => m.text)).toEqual(['27%', 'un quarto']);
    expect(typeMatches("Soggetto attuatore è l'Agenzia per la cybersicurezza nazionale.", 'organisation')[0].text).toBe('Agenzia per la cybersicurezza nazionale');
    expect(inEnglish('20 giorni')).toBe('20 days');
  });

  test('the asked-for thing is never what the question already says', () => {
    const q = analyzeQuery("nell'avviso da 50 milioni, da quanti servizi si può scegliere?", null);
    expect(answerSpan("L'avviso da 50 milioni di euro consente di scegliere tra 95 servizi da migrare.", q)?.text).toBe('95 servizi');
    const when = analyzeQuery('quando è stato firmato il protocollo del 2024?', null);
    expect(answerSpan('Il protocollo è stato firmato il 12 marzo 2024 dai Comuni.', when)?.text).toBe('12 marzo 2024');
    const who = analyzeQuery('chi guida AgID?', null);
    expect(answerSpan("AgID è guidata dal direttore generale Mario Rossi dal 2023.", who)?.text).not.toBe('AgID');
  });

  test('a date keeps its day and the part of the year it names; a day or a year is no count', () => {
    expect(typeMatches('Si accede a partire dal 1° aprile 2021, da concludersi entro la fine del 2025.', 'date').map((m) => m.text)).toEqual(['1° aprile 2021', 'fine del 2025']);
    expect(typeMatches('Dal 19 aprile al 18 luglio 2022 sono stati classificati 400 servizi.', 'number').map((m) => m.text)).toEqual(['400']);
    expect(typeMatches('Su PA digitale 2026, le amministrazioni sono 14.000.', 'number').map((m) => m.text)).toEqual(['2026', '14.000']);
    const howMany = analyzeQuery('how many administrations have classified their data?', null);
    expect(answerSpan('Le amministrazioni classificano i dati su PA digitale 2026, secondo le indicazioni.', howMany)).toBeNull();
    const when = analyzeQuery('entro quando va completato il progetto?', null);
    expect(answerSpan('Il progetto su PA digitale 2026 va completato entro il 2025.', when)?.text).toBe('2025');
    expect(answerSpan('Il progetto è regolato dalla l.r. n. 2/2003 sulla programmazione negoziata.', when)).toBeNull();
  });

  test('counts written in words are counts, compounds too; words that only end like one are not', () => {
    expect(typeMatches('Il percorso ha richiesto sessanta incontri con oltre quattromila persone e tre milioni di euro; altre nostre attività.', 'number').map((m) => m.text)).toEqual(['sessanta', 'quattromila', 'tre milioni']);
    expect(typeMatches('2023-04-03 - Raggiunto il traguardo europeo sul cloud.', 'number')).toEqual([]);
    expect(typeMatches("L'Italia è all'82esimo posto della graduatoria.", 'number')).toEqual([]);
    expect(typeMatches('2023-04-03 - Raggiunto il traguardo europeo sul cloud.', 'date').map((m) => m.text)).toEqual(['2023-04-03']);
    expect(typeMatches("L'impianto lavora 340 gg/anno, per un mese di fermo.", 'duration').map((m) => m.text)).toEqual(['340 gg', 'un mese']);
  });

  test('a measure is answered by a figure with a unit of the kind asked, not by another count', () => {
    const big = analyzeQuery('how big is the area of the new production hub?', null);
    const text = "Il polo produttivo, con 3 lotti e 60 imprese insediabili, occupa un'area di 1.500.000 mq lungo il canale.";
    expect(answerSpan(text, big)?.text).toBe('1.500.000 mq');
    expect(newMatches('Il polo produttivo conta 3 lotti e 60 imprese.', 'number', big.question)).toEqual([]);
    const hectares = analyzeQuery('quanti ettari di bosco si vogliono piantare?', null);
    expect(answerSpan('Entro dieci anni, con 200 volontari, si vogliono piantare 10.000 ettari di nuovi boschi.', hectares)?.text).toBe('10.000 ettari');
  });

  test('a count is read with the thing the question counts, in either language', () => {
    const unis = analyzeQuery('quante università conta il territorio?', null);
    expect(answerSpan('Il territorio, su cui si sono individuati due assi, conta sulla presenza di strutture universitarie (5 università) e di un polo.', unis)?.text).toBe('5 università');
    const admins = analyzeQuery('how many administrations had joined by April?', null);
    expect(answerSpan('Con 200 milioni di risorse, sono oltre 14mila le amministrazioni che hanno aderito.', admins)?.text).toBe('14mila');
    const f = FEATURES.indexOf('countedNear');
    const ps = [passage('Sono oltre 14mila le amministrazioni che hanno aderito. Il piano vale 200 milioni in due fasi. Il Cantiere 9 (Progetti per le amministrazioni) è partito.')];
    const ranked = read(admins, ps).ranked;
    expect(ranked.find((s) => s.candidate.text.includes('14mila'))?.features[f]).toBe(1);
    // A count of euros or of phases is not a count of administrations; the number of a thing counts nothing.
    expect(ranked.find((s) => s.candidate.text.includes('200 milioni'))?.features[f]).toBe(-1);
    expect(ranked.find((s) => s.candidate.text.includes('Cantiere 9'))?.features[f]).toBe(0);
  });

  test('a capitalised article or preposition starts no name; a speaker quoted by surname is a person', () => {
    expect(typeMatches('Il Tavolo ha discusso a lungo.', 'person')).toEqual([]);
    expect(typeMatches('Il Sindaco Gianluca Galimberti ha aperto i lavori.', 'person').map((m) => m.text)).toEqual(['Sindaco Gianluca Galimberti']);
    expect(typeMatches('Butti: “il Governo mette a disposizione fondi importanti”', 'person').map((m) => m.text)).toEqual(['Butti']);
  });

  test('a quote cut where the answer is not known keeps the question words and what follows them', () => {
    const text = `${'Il documento richiama il quadro generale delle misure e degli obiettivi del programma nazionale, '.repeat(3)}e tra le tipologie di atti una è obbligatoria: le notifiche delle violazioni al codice della strada; l'altra è a scelta dell'ente.`;
    const q = analyzeQuery('quale tipo di atto è obbligatorio?', null);
    expect(answerSpan(text, q)).toBeNull();
    const quote = quoteAround(text, null, 200, q);
    expect(quote.length).toBeLessThanOrEqual(210);
    expect(quote).toContain('codice della strada');
  });

  test('a long quote is cut around the answer, never through it', () => {
    const long = `${'Il programma prevede molte attività di formazione e di animazione territoriale, '.repeat(5)}e il coordinamento scientifico è affidato al team di ricerca dell'Università Cattolica del Sacro Cuore di Piacenza.`;
    const q = analyzeQuery('chi coordina il team di ricerca?', null);
    const span = answerSpan(long, q);
    const quote = quoteAround(long, span, 200);
    expect(quote.length).toBeLessThanOrEqual(210);
    expect(quote).toContain('Università Cattolica del Sacro Cuore');
  });
});

describe('features that tie the value to the question', () => {
  test('a count is read with the thing the question counts: "5 università" answers "quante università", "due assi" counts something else', () => {
    const ps = [passage("L'analisi SWOT dell'asse innovazione individua due assi di lavoro. Il territorio conta sulla presenza di strutture universitarie (5 università) e di un polo tecnologico.")];
    const f = FEATURES.indexOf('countedNear');
    const ranked = read(analyzeQuery("quante università conta il territorio secondo l'analisi SWOT dell'asse innovazione?", null), ps).ranked;
    expect(ranked.find((s) => s.candidate.text.includes('5 università'))?.features[f]).toBe(1);
    expect(ranked.find((s) => s.candidate.text.includes('due assi'))?.features[f]).toBe(-1);
  });

  test("the question's words in the clause that holds the value count, not the same words elsewhere in the sentence", () => {
    const ps = [passage('Per le amministrazioni centrali il bando prevede 6 mesi per la gara; per completare le migrazioni servono 15 mesi.')];
    const f = FEATURES.indexOf('clauseCoverage');
    const q = analyzeQuery('quanto tempo hanno per completare le migrazioni?', null);
    const [sentence] = read(q, ps).ranked.filter((s) => s.candidate.kind === 'sentence').map((s) => s.features[f]);
    expect(sentence).toBeGreaterThan(0);
    // The clause with "15 mesi" holds "completare" and "migrazioni"; alone in a sentence about the tender, "6 mesi" holds none.
    const tender = [passage('Il bando prevede 6 mesi per la gara.')];
    expect(read(q, tender).ranked[0].features[f]).toBe(0);
  });
});

describe('fitting the reader', () => {
  // Synthetic questions: the answer's candidate covers the question; an unanswerable question's best covers little of it.
  const vector = (coverage: number, typeNear: number) => FEATURES.map((name) => (name === 'bias' ? 1 : name === 'coverage' || name === 'passageCoverage' || name === 'contextCoverage' ? coverage : name === 'typeNear' || name === 'typeMatch' ? typeNear : 0));
  // The attribute shares given, no acronym-only answer, nothing contradicting.
  const evidence = (attributes: number[]) => [...attributes, ...Array.from({ length: EVIDENCE.length + CONTRADICTIONS.length - attributes.length }, () => 0)];
  const example = (programme: string, i: number, answerable: boolean): ReaderExample => {
    const jitter = (i % 5) / 50;
    return {
      programme,
      set: `${programme}/qa.jsonl`,
      id: `${programme}-${i}`,
      lang: i % 2 ? 'en' : 'it',
      answerable,
      candidates: answerable
        ? [{ features: vector(0.8 + jitter, 1), evidence: evidence([1, 1, 0]), label: 1, passageRank: 1, index: 0 }, { features: vector(0.3 + jitter, 0), evidence: evidence([0.5, 1, 0]), label: 0, passageRank: 1, index: 1 }]
        : [{ features: vector(0.25 + jitter, i % 3 ? 0 : 1), evidence: evidence([0.5 - jitter, 0.5, 0]), label: 0, passageRank: 1, index: 0 }, { features: vector(0.1, 0), evidence: evidence([0, 0.5, 1]), label: 0, passageRank: 2, index: 1 }],
    };
  };
  const programme = (name: string) => Array.from({ length: 24 }, (_, i) => example(name, i, i % 4 !== 0));

  test('ranks the covering candidate first and abstains on questions no candidate covers, judged on the other programme', () => {
    const a = programme('a');
    const b = programme('b');
    const weights = fitReader([...a, ...b], ['a', 'b']);
    expect(fitReader([...a, ...b], ['a', 'b'])).toEqual(weights);
    const onB = evaluateReader(fitReader(a, ['a']), b);
    expect(onB.correct).toBe(1);
    expect(onB.falseAbstain).toBe(0);
    expect(onB.abstainOnUnanswerable).toBe(1);
    expect(onB.bestRight).toBe(1);
    expect(weights.answer.threshold).toBeGreaterThan(0);
  });

  test('the ranking is fitted within each question: what sets the answer apart from its own rivals counts, not levels that differ between questions', () => {
    // Features: [bias, coverage, typeNear]. Each question has its own coverage level; within it the
    // answer is the candidate with the asked-for thing near the question's words, often covering
    // less than a rival. A model of all candidates at once learns that coverage marks answers.
    const question = (level: number) => ({
      xs: [[1, level, 1], [1, level + 0.2, 0], [1, level + 0.1, 0]],
      ys: [1, 0, 0] as (0 | 1)[],
    });
    const groups = [0.1, 0.3, 0.5, 0.7].map(question);
    const w = fitConditionalLogit(groups);
    expect(fitConditionalLogit(groups)).toEqual(w);
    expect(w[0]).toBe(0);
    const best = (xs: number[][]) => xs.map((x) => x.reduce((a, v, i) => a + v * w[i], 0)).indexOf(Math.max(...xs.map((x) => x.reduce((a, v, i) => a + v * w[i], 0))));
    expect(groups.every((g) => best(g.xs) === 0)).toBe(true);
    expect(best(question(0.9).xs)).toBe(0);
  });

  test('separation is the share of (answerable, unanswerable) pairs whose answerable question is more confident, ties half', () => {
    expect(separation([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(separation([0.5], [0.5])).toBe(0.5);
    expect(separation([0.9, 0.1], [0.5])).toBe(0.5);
  });

  test('scores the ranking apart from abstention: a right best candidate counts even when the reader abstains', () => {
    const a = programme('a');
    const abstaining = { ...fitReader(a, ['a']), answer: { ...fitReader(a, ['a']).answer, threshold: 1 } };
    const scores = evaluateReader(abstaining, a);
    expect(scores.correct).toBe(0);
    expect(scores.falseAbstain).toBe(1);
    expect(scores.bestRight).toBe(1);
  });
});

describe('deciding to abstain', () => {
  test('the threshold abstains on at most one answerable question in twenty', () => {
    const confidences = Array.from({ length: 40 }, (_, i) => 0.5 + i / 100);
    const threshold = falseAbstainThreshold(confidences);
    expect(confidences.filter((c) => c < threshold)).toHaveLength(2);
    expect(falseAbstainThreshold([0.9, 0.8, 0.95])).toBe(0.8);
  });

  test('a question whose best candidate is contradicted is abstained on, however confident the model', () => {
    const examples = Array.from({ length: 24 }, (_, i): ReaderExample => ({
      programme: 'a',
      set: `a/qa-${i % 2}.jsonl`,
      id: `a-${i}`,
      lang: 'it',
      answerable: i % 4 !== 0,
      candidates: [{ features: FEATURES.map((n) => (n === 'bias' ? 1 : n === 'coverage' ? (i % 4 ? 0.9 : 0.1) : 0)), evidence: [i % 4 ? 1 : 0, 1, ...Array.from({ length: EVIDENCE.length + CONTRADICTIONS.length - 2 }, () => 0)], label: i % 4 ? 1 : 0, passageRank: 1, index: 0 }],
    }));
    const weights = fitReader(examples, ['a']);
    expect(evaluateReader(weights, examples).falseAbstain).toBeLessThanOrEqual(0.05);
    const contradicted = examples.map((e) => ({ ...e, candidates: e.candidates.map((c) => ({ ...c, evidence: c.evidence.map((v, j) => (j === EVIDENCE.length ? 1 : v)) })) }));
    expect(evaluateReader(weights, contradicted)).toMatchObject({ correct: 0, falseAbstain: 1, abstainOnUnanswerable: 1 });
  });
});

describe('evidence for abstention', () => {
  const members = passage("Al tavolo del distretto partecipano la Camera di Commercio di Mantova, il Consorzio Agrario di Mantova e i Comuni dell'Oltrepò.");
  const director = passage('Il direttore del Consorzio Agrario di Mantova, Luca Ferretti, ha presentato il piano triennale ai soci.', { n: 2, rank: 2 });
  const question = 'chi è il direttore del Consorzio Agrario di Mantova?';

  test('what a question asks of the names it is about: its words that are not the names', () => {
    expect(attributeConcepts(analyzeQuery(question, null)).map((c) => c.term)).toEqual(['direttore']);
    expect(attributeConcepts(analyzeQuery('how much did the Lodi swimming pool cost?', null)).map((c) => c.term)).toEqual(['swimming', 'pool', 'cost']);
  });

  test('a candidate naming the body but not its director holds no attribute; one naming the director holds all', () => {
    const q = analyzeQuery(question, null);
    const [onlyMembers] = evidenceOf(q, candidatesOf(members), [members]);
    expect(onlyMembers.slice(0, 3)).toEqual([0, 0, 1]);
    const [withDirector] = evidenceOf(q, candidatesOf(director), [members, director]);
    expect(withDirector.slice(0, 3)).toEqual([1, 1, 0]);
  });

  test('a translation counts only read whole: "CEO" is found in "amministratore delegato", not in any "amministrazioni"', () => {
    const q = analyzeQuery('who is the CEO of Autostrade Lombarde?', null);
    const offices = passage('Autostrade Lombarde lavora con le amministrazioni locali e con la Regione.');
    expect(evidenceOf(q, candidatesOf(offices), [offices])[0][0]).toBe(0);
    const ceo = passage("L'amministratore delegato di Autostrade Lombarde è Paola Conti.");
    expect(evidenceOf(q, candidatesOf(ceo), [ceo])[0][0]).toBe(1);
  });

  test('the reader abstains when the passages name the body asked about but not what is asked of it, and answers when one says it', async () => {
    const unanswered = await write(question, [members, passage('Il Consorzio Agrario di Mantova ha sede in via Verdi e riunisce 1.200 soci del territorio.', { n: 2, rank: 2 })]);
    expect(unanswered.abstained).toBe(true);
    expect(unanswered.answer).toMatch(/^Non lo so/);
    expect(unanswered.citations.map((c) => c.n)).toEqual([1, 2]);
    const answered = await write(question, [members, director]);
    expect(answered.abstained).toBe(false);
    expect(answered.answer).toContain('Luca Ferretti');
  });
});

describe('evidence that a value is of another measure', () => {
  const of = (question: string, text: string, name: (typeof EVIDENCE)[number]) => {
    const p = passage(text);
    return evidenceOf(analyzeQuery(question, null), candidatesOf(p), [p])[0][EVIDENCE.indexOf(name)];
  };

  test('a count of a thing the candidate never names weighs against answering; one that names it does not', () => {
    expect(of('quanti musei ha aperto la Provincia di Lodi?', 'La Provincia di Lodi ha aperto 12 sportelli per le imprese.', 'countedAbsent')).toBe(1);
    expect(of('quanti musei ha aperto la Provincia di Lodi?', 'La Provincia di Lodi ha aperto 3 musei civici.', 'countedAbsent')).toBe(0);
  });

  test('a year of the question that the candidate\'s passage never gives weighs against answering; the same amount written another way is found', () => {
    expect(of('quante domande sono arrivate nel 2024 per il bando Verde Urbano?', 'Il bando Verde Urbano ha ricevuto 300 domande nel 2022.', 'figureAbsent')).toBe(1);
    expect(of('quante domande sono arrivate nel 2024 per il bando Verde Urbano?', 'Nel 2024 il bando Verde Urbano ha ricevuto 300 domande.', 'figureAbsent')).toBe(0);
    expect(of('quanto tempo hanno i Comuni con più di 1,5 milioni di contributo?', 'I Comuni con un contributo superiore a 1.500.000,00 euro hanno 15 mesi.', 'figureAbsent')).toBe(0);
  });

  test('the asked attribute beside the value: a budget given for the fund asked, not a figure of something else', () => {
    expect(of('qual è il budget del bando Scuole Sicure?', 'Il bando Scuole Sicure ha un budget di 4 milioni di euro.', 'attributeByValue')).toBe(1);
    expect(of('qual è il budget del bando Scuole Sicure?', 'Il bando Scuole Sicure, con un budget definito dalla Regione, ha premiato 40 istituti che nel 2023 hanno ricevuto 4 milioni di euro.', 'attributeByValue')).toBe(0);
  });
});

describe('evidence that the answer is not there', () => {
  const programme: Programme = {
    id: 'p',
    name: 'PA digitale 2026 - Patto di prova',
    timezone: 'Europe/Rome',
    language: 'it',
    digestCron: '0 9 * * 1',
    staleAfterDays: 21,
    reminderHoursBefore: 24,
    glossary: [],
    cantieri: [
      { id: 'c2', number: '2', name: 'Logistica e Trasporti', projects: [{ id: 'plf', name: 'Polo Logistico Fluviale', aliases: ['PLF'] }] },
      { id: 'c5', number: '5', name: 'Energia', projects: [{ id: 'cer', name: 'Comunità Energetiche Rinnovabili', aliases: ['CER'] }] },
      { id: 'c9', number: '9', name: 'Accompagnamento', projects: [{ id: 'pad', name: 'Piattaforma PA digitale 2026', aliases: ['PA digitale 2026'] }] },
    ].map((c) => ({ ...c, teamLeader: null, slackChannel: null, teamsChannel: null, archived: false, projects: c.projects.map((p) => ({ ...p, cantiereId: c.id, description: null, archived: false })) })),
  };
  const contradictions = (question: string, ps: Passage[], p: Programme | null = programme, cognates?: Map<string, string[]>) => {
    const q = analyzeQuery(question, p, cognates);
    const reading = read(q, ps);
    const ev = evidenceOf(q, [reading.ranked[0].candidate], ps)[0];
    return { reading, named: CONTRADICTIONS.filter((_, i) => ev[EVIDENCE.length + i] > 0) };
  };

  test('a name of the question that no passage holds: abstains; once a passage holds it, not contradicted', async () => {
    const question = 'How much PNRR money did the Province of Cremona receive for cloud migration?';
    const others = passage('PNRR: 70 milioni per la migrazione al cloud di Province, Città metropolitane e consorzi comunali.');
    const without = contradictions(question, [others], null);
    expect(without.named).toEqual(['nameMissing']);
    expect(without.reading.abstain).toBe(true);
    const answer = await write(question, [others]);
    expect(answer.abstained).toBe(true);
    const cremona = passage('La Provincia di Cremona ha ricevuto 1,2 milioni di euro del PNRR per la migrazione al cloud.', { n: 2, rank: 2 });
    expect(contradictions(question, [others, cremona], null).named).toEqual([]);
  });

  test("an English name is held by its Italian form where the documents confirm one ('Lombardy': 'Lombardia')", () => {
    const question = 'how much ERDF money did Lombardy have for 2007-2013?';
    const fund = passage('Il fondo FESR ha una disponibilità, in Regione Lombardia, per il periodo 2007/2013, pari a 532 milioni di euro.');
    expect(wordsToGuess(analyzeQuery(question, null))).toContain('lombardy');
    expect(contradictions(question, [fund], null, new Map([['lombardy', ['lombardia']]])).named).toEqual([]);
    // Without the documents' confirmation the name stays missing.
    expect(contradictions(question, [fund], null).named).toContain('nameMissing');
  });

  test('a candidate about another cantiere than the one asked: abstains; one about the asked cantiere answers', () => {
    const question = 'chi guida il cantiere Energia?';
    const other = passage('Il cantiere 2 è coordinato dalla team leader Giulia Ferri, che ha aperto la riunione.');
    const wrong = contradictions(question, [other]);
    expect(wrong.named).toContain('otherSubject');
    expect(wrong.reading.abstain).toBe(true);
    const own = passage('Il cantiere 5 è coordinato dal team leader Marco Bellini, che ha aperto la riunione.');
    const right = contradictions(question, [own, { ...other, n: 2, rank: 2 }]);
    expect(right.reading.ranked[0].candidate.text).toContain('Marco Bellini');
    expect(right.named).toEqual([]);
  });

  test('a cantiere asked about by what it does, in English, is told from another one', () => {
    const other = passage('Il cantiere 2 è coordinato dalla team leader Giulia Ferri, che ha aperto la riunione.');
    expect(contradictions('who leads the energy cantiere?', [other]).named).toContain('otherSubject');
    const own = passage('Il cantiere 5 è coordinato dal team leader Marco Bellini, che ha aperto la riunione.');
    expect(contradictions('who leads the energy cantiere?', [own]).named).toEqual([]);
  });

  test('a project named like the programme itself frames every document: it is no other subject', () => {
    const framed = passage('Le Comunità Energetiche Rinnovabili si candidano sulla piattaforma PA digitale 2026 entro il 30 giugno.');
    expect(contradictions('entro quando si candidano le CER?', [framed]).named).toEqual([]);
    const other = passage('Il Polo Logistico Fluviale sarà completato entro il 30 giugno. Le CER si candidano in autunno.');
    expect(contradictions('entro quando si candidano le CER?', [other]).named).toEqual(['otherSubject']);
  });

  test('not one thing the question asks of its names in any passage: abstains', () => {
    const staff = 'quanti dipendenti ha il Transformation Office?';
    const office = passage('Il Transformation Office coordina i team territoriali e supporta i Comuni nella candidatura.');
    const none = contradictions(staff, [office], null);
    expect(none.named).toContain('attributesNowhere');
    expect(none.reading.abstain).toBe(true);
    const counted = passage('Il Transformation Office conta 40 dipendenti.', { n: 2, rank: 2 });
    expect(contradictions(staff, [office, counted], null).named).toEqual([]);
  });

  test('a count asked and only dates to give is contradicted; a count to give is not', () => {
    const question = 'quanti data center sono stati chiusi?';
    expect(contradictions(question, [passage('Dal 19 aprile al 18 luglio 2022 i data center sono stati classificati.')], null).named).toContain('dateForCount');
    expect(contradictions(question, [passage('Nel 2022 sono stati chiusi 120 data center.')], null).named).toEqual([]);
  });

  test('an amount asked per month over passages that give only totals is contradicted; a monthly amount is not', () => {
    const question = 'quanto costa al mese il car sharing del Comune di Lodi?';
    expect(contradictions(question, [passage('Il car sharing del Comune di Lodi è costato 200.000 euro in tutto.')], null).named).toEqual(['rateMissing']);
    expect(contradictions(question, [passage('Il car sharing del Comune di Lodi costa 9 euro al mese a ogni iscritto.')], null).named).toEqual([]);
    expect(contradictions('how much does the Lodi car sharing cost per month?', [passage('Il car sharing di Lodi costa 9 euro al mese.')], null).named).toEqual([]);
  });

  test('a name kept whole with the words that complete it, held by no passage: abstains; held word for word, not contradicted', () => {
    const question = 'qual è il budget del Fondo per la mobilità sostenibile?';
    const other = passage('Il Fondo complementare ha un budget di 20 milioni per la mobilità sostenibile dei Comuni.');
    const without = contradictions(question, [other], null);
    expect(without.named).toEqual(['nameMissing']);
    expect(without.reading.abstain).toBe(true);
    const own = passage('Il Fondo per la mobilità sostenibile ha un budget di 20 milioni di euro.');
    expect(contradictions(question, [own], null).named).toEqual([]);
  });

  test('a figure asked and none in the best candidate: abstains; a passage that gives one is answered', () => {
    const question = 'How many tonnes of freight did the river port move in 2019?';
    const note = passage('The river port is linked to the rail freight terminal and to the industrial areas along the canal.');
    const none = contradictions(question, [note], null);
    expect(none.named).toContain('kindMissing');
    expect(none.reading.abstain).toBe(true);
    // The year the question names is no answer to it.
    expect(contradictions(question, [passage('In 2019 the river port was linked to the rail freight terminal.')], null).named).toContain('kindMissing');
    const moved = passage('In 2019 the river port moved 1.2 million tonnes of freight.', { n: 2, rank: 2 });
    expect(contradictions(question, [note, moved], null).named).not.toContain('kindMissing');
  });

  test('a year or a measure code of the question that the passage replaces with another: abstains; the same one given is not contradicted', () => {
    const year = 'quanti cittadini hanno usato lo sportello unico nel 2024?';
    expect(contradictions(year, [passage('Nel 2022 lo sportello unico ha servito 3.000 cittadini.')], null).named).toContain('otherIdentifier');
    expect(contradictions(year, [passage('Nel 2024 lo sportello unico ha servito 3.000 cittadini.')], null).named).not.toContain('otherIdentifier');
    // The year of a name ("PA digitale 2026") dates nothing.
    expect(contradictions(year, [passage('Sulla piattaforma PA digitale 2026 lo sportello unico ha servito 3.000 cittadini.')], null).named).not.toContain('otherIdentifier');
    const code = 'qual è la scadenza della misura 2.3.1?';
    expect(contradictions(code, [passage('Misura 2.2.4: la scadenza della domanda è il 30 giugno 2025.')], null).named).toContain('otherIdentifier');
    expect(contradictions(code, [passage('Misura 2.3.1: la scadenza della domanda è il 30 giugno 2025.')], null).named).not.toContain('otherIdentifier');
  });

  test("a measure's code is no count: a count asked over a passage with only codes to give abstains", () => {
    expect(newMatches('I comuni possono aderire alla Misura 2.3.1 e alla misura 4 entro giugno.', 'number', 'quanti comuni?')).toEqual([]);
    expect(newMatches('Hanno aderito 1.500 comuni.', 'number', 'quanti comuni?').map((m) => m.text)).toEqual(['1.500']);
    const named = contradictions('quanti comuni hanno aderito alla rete dei servizi digitali?', [passage('I comuni aderiscono alla rete dei servizi digitali con la Misura 2.3.1.')], null).named;
    expect(named).toContain('kindMissing');
  });

  test('a count asked of a thing and every figure counting another thing: abstains; a figure of the thing is answered', () => {
    const question = 'quante scuole hanno aderito alla rete?';
    const fees = passage('Le scuole della rete fino a 300 alunni ricevono €10.000; le Scuole 301 - 800 alunni ricevono €15.000.');
    expect(contradictions(question, [fees], null).named).toContain('countedOther');
    const joined = passage('Alla rete hanno aderito 42 scuole della provincia.');
    expect(contradictions(question, [joined], null).named).not.toContain('countedOther');
  });

  test('the holder of a role asked and the candidate naming no one with the role: abstains; a name beside the role is answered', () => {
    const question = 'chi è il direttore del Consorzio Navigli?';
    const unnamed = contradictions(question, [passage("L'accordo è stato firmato dal direttore del Consorzio Navigli e dal sindaco del Comune.")], null);
    expect(unnamed.named).toContain('roleUnnamed');
    expect(unnamed.reading.abstain).toBe(true);
    for (const text of ["Il direttore del Consorzio Navigli, Paolo Bianchi, ha firmato l'accordo.", "Paolo Bianchi, direttore del Consorzio Navigli, ha firmato l'accordo.", "L'accordo è stato firmato dal direttore Bianchi del Consorzio Navigli."]) {
      expect(contradictions(question, [passage(text)], null).named).not.toContain('roleUnnamed');
    }
  });

  test("a project's or a cantiere's name is no person: the holder of a role is still not named", () => {
    const question = 'chi è il coordinatore del cantiere Energia?';
    const text = 'Il cantiere Energia ha presentato le Comunità Energetiche Rinnovabili ai sindaci della provincia.';
    expect(contradictions(question, [passage(text)]).named).toContain('roleUnnamed');
    // Without the programme file the project's name reads like a person's.
    expect(contradictions(question, [passage(text)], null).named).not.toContain('roleUnnamed');
  });

  test('a person asked and only an acronym to give weighs against answering', () => {
    const q = analyzeQuery('chi presiede il Comitato strategico?', null);
    const acronymOnly = EVIDENCE.indexOf('acronymOnly');
    const swot = passage("Il Comitato strategico ha validato l'analisi SWOT del territorio.");
    expect(evidenceOf(q, candidatesOf(swot), [swot])[0][acronymOnly]).toBe(1);
    const chair = passage('Il Comitato strategico è presieduto da Anna Verdi.');
    expect(evidenceOf(q, candidatesOf(chair), [chair])[0][acronymOnly]).toBe(0);
  });

  test('an English word the vocabulary does not translate and no passage holds is no missing attribute', () => {
    const q = analyzeQuery('who was the promoter of the tender?', null);
    const tender = passage('Il promotore della gara è stato Difesa Servizi.');
    expect(evidenceOf(q, candidatesOf(tender), [tender])[0][EVIDENCE.indexOf('attributeNear')]).toBe(1);
  });
});

describe('the reader', () => {
  test('expands an acronym from the passage that defines it', async () => {
    const a = await write('what does PSN stand for?', [
      passage('La migrazione al cloud delle amministrazioni locali è finanziata con avvisi pubblici.', { n: 1, rank: 1 }),
      passage("Il Polo Strategico Nazionale (PSN) è l'infrastruttura cloud ad alta affidabilità destinata alla PA.", { n: 2, rank: 2, source: 'psn.md' }),
    ]);
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('Polo Strategico Nazionale');
  });

  test('abstains when the concepts of the question are in no passage', async () => {
    const ps = [passage('Il protocollo è stato firmato dai Comuni del territorio nel 2024 con la Provincia.'), passage('La fiera ospita ogni anno oltre duecento espositori.', { n: 2, rank: 2 })];
    const a = await write("chi è l'amministratore delegato della società autostradale?", ps);
    expect(a.abstained).toBe(true);
    expect(a.answer).toMatch(/^Non lo so/);
    expect(a.citations.length).toBeGreaterThan(0);
    expect(read(analyzeQuery('how much does the motorway toll cost?', null), ps).abstain).toBe(true);
  });

  test('an English question gets the figure, the date or the name in English, the quote in Italian', async () => {
    const date = await write('by when must every PA digitale project be finished?', [passage('Con il decreto è stato sancito che tutti i progetti PA digitale debbano finire entro il 31 marzo 2026.')]);
    expect(date.answer).toMatch(/^In short: 31 March 2026\./);
    expect(date.answer).toContain('entro il 31 marzo 2026');
    expect(inEnglish('4,4 miliardi di euro')).toBe('€4.4 billion');
    expect(inEnglish('1.200.000 euro')).toBe('€1,200,000');
    const name = await write('who opened the energy cantiere meeting?', [passage("La riunione del cantiere Energia è stata aperta dall'assessore Marco Bellini, che ha ringraziato i sindaci presenti.")]);
    expect(name.answer).toContain('Marco Bellini');
    expect(name.language).toBe('en');
  });

  test('the same question on the same passages gives the same answer', async () => {
    const ps = [passage('I corsi tecnici superiori contano 240 iscritti.'), passage('I corsi tecnici superiori sono quattro.', { n: 2, rank: 2 })];
    const first = await write('quanti iscritti hanno i corsi tecnici superiori?', ps);
    for (let i = 0; i < 3; i++) expect(await write('quanti iscritti hanno i corsi tecnici superiori?', ps)).toEqual(first);
    expect(first.answer).toContain('240');
  });
});

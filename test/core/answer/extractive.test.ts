import { describe, expect, test } from 'vitest';
import { ExtractiveWriter } from '../../../src/core/answer/extractive.ts';
import { splitSentences, type Passage } from '../../../src/core/answer/passages.ts';
import { analyzeQuery } from '../../../src/core/retrieval/query.ts';

const passages: Passage[] = [
  {
    n: 1,
    rank: 1,
    source: 'verbale-energia.md',
    title: 'Verbale del cantiere Energia',
    section: 'Apertura',
    text: "La riunione del cantiere Energia si è tenuta in municipio. È stata aperta dall'assessore Marco Bellini, che ha ringraziato i sindaci presenti.",
  },
  {
    n: 2,
    rank: 2,
    source: 'relazione-formazione.md',
    title: 'Relazione sulla formazione tecnica',
    section: 'Iscritti',
    text: 'I corsi tecnici superiori contano 240 iscritti, il doppio rispetto a tre anni fa. La sede è in via Dante 4.',
  },
];
const writer = new ExtractiveWriter();
const write = (question: string, ps: Passage[] = passages) => writer.write({ analysis: analyzeQuery(question, null), passages: ps });

describe('extractive writer', () => {
  test('quotes the sentence that answers, with a numbered citation of its passage', async () => {
    const a = await write("chi ha aperto la riunione del cantiere energia?");
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('Marco Bellini');
    expect(a.answer).toMatch(/\[1\]/);
    expect(a.citations[0]).toMatchObject({ n: 1, source: 'verbale-energia.md', section: 'Apertura' });
    expect(a.citations[0].quote).toContain('Marco Bellini');
    expect(a.language).toBe('it');
  });

  test('answers a count with the figure, framed in the language of the question', async () => {
    const a = await write('how many students are enrolled in the technical courses?');
    expect(a.abstained).toBe(false);
    expect(a.language).toBe('en');
    expect(a.answer).toMatch(/^In short: 240 iscritti\. According to the documents:/);
    expect(a.answer).toContain('240 iscritti');
    expect(a.citations.map((c) => c.source)).toEqual(['relazione-formazione.md']);
  });

  test('abstains with the closest sources when no sentence holds the kind of answer asked for', async () => {
    const a = await write('quanto costa la riunione del cantiere energia?');
    expect(a.abstained).toBe(true);
    expect(a.answer).toMatch(/^Non lo so/);
    expect(a.citations.length).toBeGreaterThan(0);
    const b = await write('what is the budget of the energy cantiere meeting?');
    expect(b.abstained).toBe(true);
    expect(b.answer).toMatch(/^I don't know/);
  });

  test('abstains when the question is about something the passages never name', async () => {
    const a = await write("quanti iscritti ha l'Accademia Navale di Livorno?");
    expect(a.abstained).toBe(true);
  });

  test('keeps answers short: a few hundred characters before the sources', async () => {
    const long: Passage = {
      n: 1,
      rank: 1,
      source: 'piano.txt',
      title: 'Piano',
      section: '',
      text: `${'Il piano prevede interventi diffusi sul territorio provinciale, con attenzione ai servizi, '.repeat(6)}e il comitato strategico riceve il report con cadenza annuale dall'unità di monitoraggio, ${'insieme ad altri documenti di sintesi e di programmazione territoriale, '.repeat(5)}.`,
    };
    const a = await write("ogni quanto l'unità di monitoraggio manda il report al comitato strategico?", [long]);
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('cadenza annuale');
    // The issue's bound for an answer before its sources: 600 characters.
    expect(a.answer.length).toBeLessThan(600);
  });

  test('the short answer is the asked-for thing of the quoted candidate, and only when the kind asked for is clear', async () => {
    const phases: Passage = { n: 1, rank: 1, source: 'strategia.md', title: 'Strategia', section: 'Fasi', text: 'Le fasi della migrazione:\n\n| FASE 1 - Bando: entro la fine del 2021 si pubblica il bando del nuovo polo.\n\n| FASE 3 - Migrazione delle amministrazioni: a partire dal 2022, da concludersi entro la fine del 2025.' };
    const a = await write('entro quando doveva concludersi la migrazione delle amministrazioni?', [phases]);
    expect(a.answer).toMatch(/^In breve: fine del 2025\./);
    expect(a.answer).toContain('da concludersi entro la fine del 2025');
    const since: Passage = { n: 1, rank: 1, source: 'pagopa.md', title: 'pagoPA', section: 'Rimborsi', text: 'Le attivazioni finanziate con fondi propri sono rimborsate a partire dal 1° aprile 2021.' };
    expect((await write('from what date are self-funded activations reimbursed?', [since])).answer).toMatch(/^In short: 1 April 2021\./);
    // "quando ... si considera completato?" asks for a condition: no date is put forward.
    const done: Passage = { n: 1, rank: 1, source: 'pagopa.md', title: 'pagoPA', section: 'Completamento', text: 'Il progetto pagoPA si considera completato quando è stata effettuata una transazione con esito positivo, entro il 2026.' };
    const b = await write('quando un progetto pagoPA si considera completato?', [done]);
    expect(b.abstained).toBe(false);
    expect(b.answer).not.toMatch(/In breve/);
    expect(b.answer).toContain('transazione con esito positivo');
  });

  test('no short answer from the number of a thing, a bare acronym for a person, or a "when" that opens a clause', async () => {
    const notice: Passage = { n: 1, rank: 1, source: 'faq.md', title: 'FAQ', section: '', text: "Nell'Avviso 1.2 per le aziende sanitarie la migrazione dei servizi critici è finanziata per intero." };
    const a = await write("how many critical services does the health agencies' notice migrate?", [notice]);
    expect(a.answer).not.toMatch(/^In short/);
    const system: Passage = { n: 1, rank: 1, source: 'cie.md', title: 'CIE', section: '', text: "L'integrazione della carta d'identità elettronica con SPID è verificata prima dell'erogazione del contributo." };
    expect((await write("chi verifica l'integrazione della carta d'identità elettronica?", [system])).answer).not.toMatch(/^In breve/);
    const standard: Passage = { n: 1, rank: 1, source: 'spid.md', title: 'SPID', section: '', text: "Dal 2026 i Comuni che adottano SPID devono usare lo standard OpenID Connect per l'autenticazione." };
    const b = await write('which authentication standard is required when a town adopts SPID?', [standard]);
    expect(b.abstained).toBe(false);
    expect(b.answer).not.toMatch(/^In short: 2026/);
  });

  test('a long list is quoted by the first words of its items, so every item shows', async () => {
    const items = ['strategici, quando la loro compromissione può avere un impatto sulla sicurezza nazionale e sulle funzioni essenziali dello Stato;', 'critici, laddove la compromissione potrebbe avere un impatto negativo sui servizi rilevanti per la società, la salute e il benessere del Paese;', 'ordinari, se la loro compromissione non provoca l’interruzione di servizi essenziali dello Stato.'];
    const list: Passage = { n: 1, rank: 1, source: 'cloud.md', title: 'Classificazione', section: '', text: `I dati della PA possono essere di tre classi:\n${items.map((i) => `- ${i}`).join('\n')}` };
    const a = await write('quali sono le tre classi dei dati della PA?', [list]);
    expect(a.answer).toContain('I dati della PA possono essere di tre classi: strategici …; critici …; ordinari …');
  });

  test('a long quote whose answer is not a figure or a name keeps the words that follow the question\'s', async () => {
    const long: Passage = { n: 1, rank: 1, source: 'avviso.md', title: 'Avviso notifiche', section: '', text: `${'A prescindere dalla dimensione e dalla collocazione territoriale degli enti che presentano domanda, '.repeat(3)}l’avviso chiede di integrare due servizi, di cui uno obbligatoriamente appartenente alla tipologia di atti di “Notifiche violazioni al codice della strada” e l’altro a scelta del soggetto attuatore.` };
    const a = await write("nell'avviso quale tipo di atto è obbligatorio integrare?", [long]);
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('codice della strada');
    expect(a.citations[0].quote).toContain('codice della strada');
  });

  test('does not split a sentence after an abbreviation, so the figure after it stays with its sentence', () => {
    expect(splitSentences('Il bando è regolato dal decreto n. 42/2023 del 3 marzo 2023. Si paga un importo simbolico (es. 1€) con il codice reale.')).toEqual([
      'Il bando è regolato dal decreto n. 42/2023 del 3 marzo 2023.',
      'Si paga un importo simbolico (es. 1€) con il codice reale.',
    ]);
  });

  test('splits sentences across layout line breaks and hyphenation', () => {
    expect(splitSentences('Il proto-\ncollo è firmato\ndai Comuni. Il piano parte nel 2027.')).toEqual([
      'Il protocollo è firmato dai Comuni.',
      'Il piano parte nel 2027.',
    ]);
  });
});

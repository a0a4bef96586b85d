import { describe, expect, test } from 'vitest';
import { parseProgrammeFile } from '../../../src/programme/load.ts';
import type { Programme } from '../../../src/programme/model.ts';
import { analyzeQuery, detectAnswerType, detectIntent, questionLang } from '../../../src/core/retrieval/query.ts';
import { lexicalQueries } from '../../../src/core/retrieval/search.ts';
import { detectLang } from '../../../src/core/language.ts';
import { PROGRAMME_YAML } from './fixtures.ts';

/** The test programme as the service sees it, without a database. */
function programme(): Programme {
  const file = parseProgrammeFile('p.yaml', PROGRAMME_YAML);
  return {
    id: file.programme.id,
    name: file.programme.name,
    timezone: 'Europe/Rome',
    language: 'it',
    digestCron: '0 9 * * 1',
    staleAfterDays: 21,
    reminderHoursBefore: 24,
    glossary: file.glossary,
    cantieri: file.cantieri.map((c: any, i: number) => ({
      id: c.id,
      number: String(c.number),
      name: c.name,
      teamLeader: c.team_leader ?? null,
      slackChannel: null,
      teamsChannel: null,
      archived: false,
      projects: c.projects.map((p: any) => ({ id: p.id, cantiereId: c.id, name: p.name, aliases: p.aliases ?? [], description: null, archived: false })),
      position: i,
    })),
  };
}

describe('query understanding', () => {
  test('detects the language of informal questions', () => {
    expect(detectLang("what's the status of PLF?")).toBe('en');
    expect(detectLang('who opened the meeting?')).toBe('en');
    expect(detectLang('a che punto è il PLF?')).toBe('it');
    expect(detectLang('chi coordina il cantiere 2?')).toBe('it');
  });

  test("a question that names an Italian title is in the language of its interrogative", () => {
    // As many English as Italian common words: "which", "the" against "per", "lo".
    expect(analyzeQuery('Which bodies promoted the Patto per lo sviluppo?', null).lang).toBe('en');
    expect(analyzeQuery('in cosa consiste il Patto for Growth?', null).lang).toBe('it');
    expect(questionLang('Which bodies signed the Accordo per la crescita?')).toBe('en');
  });

  test('detects intents', () => {
    expect(detectIntent("what's the status of PLF?")).toBe('status');
    expect(detectIntent('a che punto è il polo logistico?')).toBe('status');
    expect(detectIntent('chi è stato nominato referente?')).toBe('who');
    expect(detectIntent('quando è nato il consorzio?')).toBe('history');
    expect(detectIntent('quanti iscritti hanno gli ITS?')).toBe('fact');
  });

  // The kind of answer wanted, by whole words: a name is asked before money; "costituita" is not a cost.
  test.each([
    ['quanti iscritti hanno gli ITS?', 'number'],
    ['how much will the dock cost?', 'money'],
    ['since when does the consortium exist?', 'date'],
    ["what's the address of the consortium?", 'place'],
    ['ogni quanto si riunisce il comitato?', 'frequency'],
    ['per quanto tempo vanno mantenuti i servizi?', 'duration'],
    ['for how long must the services keep running?', 'duration'],
    ['che fetta dei fondi va al digitale?', 'share'],
    ['what percentage of the funds goes to cloud?', 'share'],
    ["entro quando si chiude l'avviso?", 'date'],
    ["what's the deadline for applications?", 'date'],
    ['what was the starting price of the tender?', 'money'],
    ['quanti soldi ci sono per la cybersicurezza?', 'money'],
    ['which body runs the measure?', 'organisation'],
    ['quale ente gestisce la piattaforma?', 'organisation'],
    ['chi finanzia il progetto?', 'person'],
    ['da chi è costituita la cabina di regia?', 'person'],
    ['come è costituita la cabina di regia?', 'other'],
    ['in che località si è riunito il comitato?', 'place'],
    ['which town hosts the fair?', 'place'],
    ['cosa significa DNSH quando si sceglie un fornitore?', 'definition'],
    ['what does RUNTS stand for?', 'definition'],
    ['which three tools does the kit include?', 'list'],
    ['what does the kit for school websites include?', 'list'],
    ['quali due azioni ha scelto il tavolo?', 'list'],
    ['perché serve il codice hash?', 'reason'],
    ['What is RUNTS?', 'definition'],
    ["cos'è il RUNTS?", 'definition'],
    ["what's the harvest festival about?", 'definition'],
    ['what is the budget of the fair?', 'money'],
    ['a cosa servono le banche del tempo?', 'reason'],
    ['why does the notice require a hash?', 'reason'],
    ['how big is the new logistics park?', 'number'],
    ['quanti ettari occupa il parco?', 'number'],
    ['how many tonnes of goods went through the port?', 'number'],
  ])('%s asks for a %s', (question, kind) => {
    expect(detectAnswerType(question)).toBe(kind);
  });

  test('expands programme acronyms to names and aliases', () => {
    const q = analyzeQuery("what's the status of PLF?", programme());
    expect(q.projects.map((p) => p.id)).toEqual(['plf']);
    expect(q.expansions).toEqual(expect.arrayContaining(['Polo Logistico Fluviale', 'porto fluviale']));
    expect(q.searchText).toContain('Polo Logistico Fluviale');
  });

  test('an acronym that is also an English word needs capitals ("its" is not ITS)', () => {
    expect(analyzeQuery('how many students attend its courses?', programme()).projects).toEqual([]);
    expect(analyzeQuery('how many students attend ITS courses?', programme()).projects.map((p) => p.id)).toEqual(['its']);
  });

  test('names a cantiere by number and adds its name', () => {
    const q = analyzeQuery('chi coordina il cantiere 5?', programme());
    expect(q.cantieri).toEqual(['c5']);
    expect(q.expansions).toContain('Energia');
  });

  test('translates English programme vocabulary into Italian search words', () => {
    const q = analyzeQuery('who opened the energy community meeting?', programme());
    expect(q.expansions).toEqual(expect.arrayContaining(['riunione', 'aperto', 'comunità energetica']));
    const meeting = q.concepts.find((c) => c.term === 'meeting');
    expect(meeting?.stems).toEqual(expect.arrayContaining(['riunion']));
  });

  test('an acronym that is also a common word names its project only when written as an acronym', () => {
    const p = programme();
    p.cantieri[0].projects.push({ id: 'notifiche', cantiereId: p.cantieri[0].id, name: 'Piattaforma notifiche digitali', aliases: ['SEND'], description: null, archived: false });
    const named = (question: string) => analyzeQuery(question, p).projects.map((x) => x.id);
    expect(named('by when do we have to send the report?')).not.toContain('notifiche');
    expect(named('how many towns use SEND?')).toContain('notifiche');
    // An acronym that is no word is found in any case.
    expect(named('a che punto è il plf?')).toContain('plf');
  });

  test('keeps proper names of the question as its focus', () => {
    const q = analyzeQuery('what did Marco Bellini say about the dock?', programme());
    expect(q.focus).toContain('Marco Bellini');
  });

  test('an English question\'s capitalised common words (nationalities, months) are not names; an acronym\'s plural is the acronym', () => {
    const q = analyzeQuery('What share of Italian PAs met the target in April, says Marco Bellini?', programme());
    expect(q.focus).toEqual(['PA', 'Marco Bellini']);
    // The same word in an Italian question is left as written (Italian does not capitalise them).
    expect(analyzeQuery('cosa ha detto Marco Bellini sulle PA?', programme()).focus).toEqual(['Marco Bellini', 'PA']);
  });

  test('an English question looks for Italian words in the Italian full-text list, and keeps names, numbers and untranslated words', () => {
    const q = analyzeQuery('how many meetings did Marco Bellini hold in 2024 about the dock?', programme());
    const italian = lexicalQueries(q).italian.split(' | ');
    expect(italian).toEqual(expect.arrayContaining(['riunione', 'banchina', 'marco', 'bellini', '2024']));
    expect(italian).not.toContain('meetings');
    expect(italian).not.toContain('hold');
    const simple = lexicalQueries(q).simple.split(' | ');
    expect(simple).toEqual(expect.arrayContaining(['marco', 'bellini', '2024', 'hold']));
    expect(simple).not.toContain('meetings');
    expect(simple).not.toContain('dock');
    // An Italian question keeps all its words in both lists.
    expect(lexicalQueries(analyzeQuery('quante riunioni ha tenuto Marco Bellini?', programme())).italian.split(' | ')).toEqual(expect.arrayContaining(['riunioni', 'tenuto']));
  });
});

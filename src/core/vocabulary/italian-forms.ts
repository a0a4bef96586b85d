/**
 * Italian forms a translation stands for that its stem does not reach: the past participles of the
 * irregular verbs ("raggiungere" -> "raggiunto", whose stems differ), the action and agent nouns
 * of a verb in -are ("formare" -> "formazione", "formatore") and the verb of an action noun. The
 * stem of a regular verb already meets its participle ("presentare", "presentato"); a derived form
 * no document uses matches nothing.
 */

/** Irregular past participles of common verbs, by infinitive: a closed grammatical list. */
const PARTICIPLES: Record<string, string> = Object.fromEntries(
  `accendere acceso|accogliere accolto|aggiungere aggiunto|ammettere ammesso|apparire apparso|aprire aperto|assumere assunto|
  chiedere chiesto|chiudere chiuso|cogliere colto|coinvolgere coinvolto|comporre composto|concedere concesso|concludere concluso|
  condividere condiviso|condurre condotto|coprire coperto|correggere corretto|correre corso|decidere deciso|decorrere decorso|
  diffondere diffuso|dipendere dipeso|dire detto|dirigere diretto|discutere discusso|disporre disposto|distinguere distinto|
  dividere diviso|eleggere eletto|emergere emerso|escludere escluso|esporre esposto|esprimere espresso|estendere esteso|
  fare fatto|giungere giunto|includere incluso|interrompere interrotto|introdurre introdotto|leggere letto|mettere messo|
  muovere mosso|nascere nato|offrire offerto|perdere perso|permettere permesso|porre posto|predisporre predisposto|
  prendere preso|prevedere previsto|produrre prodotto|promuovere promosso|proporre proposto|proteggere protetto|
  raccogliere raccolto|raggiungere raggiunto|redigere redatto|rendere reso|richiedere richiesto|ridurre ridotto|
  rimanere rimasto|rimuovere rimosso|risolvere risolto|rispondere risposto|rivolgere rivolto|rompere rotto|scegliere scelto|
  scoprire scoperto|scrivere scritto|sospendere sospeso|spegnere spento|spendere speso|spingere spinto|succedere successo|
  suddividere suddiviso|svolgere svolto|togliere tolto|trasmettere trasmesso|vedere visto|vincere vinto|sottoscrivere sottoscritto|
  iscrivere iscritto|trarre tratto|sostituire sostituito|esistere esistito|vivere vissuto`
    .split('|')
    .map((pair) => pair.trim().split(/\s+/) as [string, string]),
);

/** Other forms of one Italian word (a phrase has none): its irregular participle, its -are/-azione partner. */
export function italianForms(word: string): string[] {
  const w = word.trim().toLowerCase();
  if (!/^\p{L}+$/u.test(w)) return [];
  const out: string[] = [];
  const participle = PARTICIPLES[w];
  if (participle) out.push(participle);
  const verb = /^(.{3,})are$/.exec(w);
  if (verb) out.push(`${verb[1]}azione`, `${verb[1]}atore`);
  const noun = /^(.{3,})azione$/.exec(w);
  if (noun) out.push(`${noun[1]}are`);
  return out;
}

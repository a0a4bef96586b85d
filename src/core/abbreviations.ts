/**
 * Abbreviations after which a full stop does not end a sentence, in Italian and English ("n. 628/2021",
 * "(es. 0,01€)", "c.d. Perimetro", "art. 10"): one rule for the ingest splitter and the reader's
 * sentences, so neither cuts a sentence before the figure or the name that follows the abbreviation.
 */
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}|n|nr|art|artt|pag|pagg|p|pp|ecc|es|cfr|vol|sig|sigg|dott|dr|ing|avv|prof|geom|arch|on|sen|spa|srl|st|mr|mrs|ms|vs|etc|e\.g|i\.e|no|fig|tab|cap|par|co|l|d\.lgs|d\.l|dpr|reg)\.\s*$/iu;

/** Does the text end with an abbreviation's full stop (so the sentence goes on after it)? */
export function endsWithAbbreviation(text: string): boolean {
  return ABBREVIATION.test(text);
}

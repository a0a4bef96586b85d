import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanToBlocks } from '../../ingest/clean.ts';
import { splitBlocks, splitSentences } from '../../ingest/split.ts';
import { SHARED } from '../support/cli.ts';

const CORPUS = join(SHARED, 'corpus');

describe('splitting', () => {
  test('the shared corpus: chunks of at most 1,500 characters, no fragments, no sentence cut in two', async () => {
    for (const f of readdirSync(CORPUS)) {
      const blocks = cleanToBlocks(readFileSync(join(CORPUS, f), 'utf8'), { markup: false });
      const chunks = await splitBlocks(blocks, { title: f, language: 'it' });
      const sentences = new Set(blocks.flatMap((b) => b.text.split('\n')).flatMap((l) => [l, ...splitSentences(l, 'it')]));
      for (const c of chunks) {
        expect(c.text.length).toBeLessThanOrEqual(1500);
        expect(c.text.length).toBeGreaterThan(150);
        expect(c.title).toBe(f);
        // Every sentence of a chunk is a whole sentence (or heading) of the document.
        for (const line of c.text.split('\n')) for (const s of splitSentences(line, 'it')) if (s.length < 1500) expect(sentences.has(s) || /^[-–]/.test(s)).toBe(true);
      }
      expect(chunks.map((c) => c.ord)).toEqual(chunks.map((_, i) => i));
    }
  });

  test('each chunk carries its heading path; small sections merge instead of standing alone', async () => {
    const blocks = cleanToBlocks(
      [
        '# Piano',
        '## Governance',
        'La cabina di regia decide.',
        '## Progetti',
        '### ZLS',
        `${'La zona logistica semplificata avanza con le procedure previste. '.repeat(30)}`,
      ].join('\n\n'),
      { markup: true },
    );
    const chunks = await splitBlocks(blocks, { title: 'Piano', language: 'it' });
    expect(chunks[0].section).toBe('Governance | Progetti > ZLS');
    expect(chunks[0].text.startsWith('La cabina di regia decide.\n\nZLS\n\nLa zona logistica')).toBe(true);
    expect(chunks.at(-1)!.section).toBe('Progetti > ZLS');
    expect(chunks.length).toBeGreaterThan(1);
    // Consecutive chunks of one section share their boundary sentence.
    const lastSentence = splitSentences(chunks[0].text.split('\n').at(-1)!, 'it').at(-1)!;
    expect(chunks[1].text.startsWith(lastSentence)).toBe(true);
  });

  test('a list stays with the line that introduces it', async () => {
    const long = `${'Il tavolo ha discusso a lungo le priorità del territorio e le risorse disponibili per i progetti. '.repeat(13)}Il verbale è stato approvato da tutti i presenti al tavolo.`;
    const intro = 'Le azioni scelte sono:';
    const items = [
      '1) OSSERVATORIO EFFICIENZA E RETI COLLETTIVE DI SERVIZI PER I CITTADINI E LE IMPRESE DEL TERRITORIO',
      '2) PARTECIPAZIONE ATTIVA E E-DEMOCRACY PER TUTTI I COMUNI DELLA PROVINCIA E LE LORO ASSOCIAZIONI',
    ];
    // The limit falls inside the list: after the first item, before the second.
    const upToFirst = [long, intro, items[0]].join('\n\n').length;
    expect(upToFirst).toBeLessThanOrEqual(1500);
    expect(upToFirst + 2 + items[1].length).toBeGreaterThan(1500);
    const blocks = cleanToBlocks([long, intro, ...items, long].join('\n\n'), { markup: false });
    const chunks = await splitBlocks(blocks, { title: 'T', language: 'it' });
    const withList = chunks.filter((c) => c.text.includes('1) OSSERVATORIO'));
    expect(withList).toHaveLength(1);
    expect(withList[0].text).toContain([intro, ...items].join('\n\n'));
  });

  test('sentences split in Italian without breaking on abbreviations', () => {
    expect(splitSentences('Il sig. Rossi firma la L. R. n. 2/2003 in Cremona. Poi parte.', 'it')).toEqual([
      'Il sig. Rossi firma la L. R. n. 2/2003 in Cremona.',
      'Poi parte.',
    ]);
  });
});

import type { Db } from '../../../db/client.ts';
import { toVectorSql } from '../../../db/client.ts';
import { ensureVectorIndex } from '../../../db/vector-index.ts';
import { embeddingInput } from '../../../src/core/embedding/input.ts';
import type { AppContext } from '../../../src/app.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { getEmbedder } from '../../../src/core/embedding/index.ts';
import { createLogger } from '../../../src/log.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { readProgramme } from '../../../src/programme/model.ts';

/** An app over a test database; `env` sets configuration (e.g. OPENAI_BASE_URL). */
export function testApp(db: Db, env: Record<string, string> = {}): AppContext {
  const config: Config = loadConfig({ REGIA_DEMO: 'off', LOG_LEVEL: 'silent', ...env }, { dotenv: false });
  return { config, log: createLogger('silent'), db, programme: () => readProgramme(db), close: async () => {} };
}

/** A small programme written for the tests (not the shared one). */
export const PROGRAMME_YAML = `
programme: { id: patto-test, name: Patto di prova, timezone: Europe/Rome, language: it, digest: { cron: "0 9 * * 1", stale_after_days: 21 } }
cantieri:
  - id: c2
    number: "2"
    name: Logistica e Trasporti
    team_leader: Giulia Ferri
    projects:
      - { id: plf, name: Polo Logistico Fluviale, aliases: [PLF, porto fluviale] }
  - id: c5
    number: "5"
    name: Energia
    projects:
      - { id: cer, name: Comunità Energetiche Rinnovabili, aliases: [CER, comunità energetiche] }
  - id: c7
    number: "7"
    name: Formazione
    projects:
      - { id: its, name: Istituti Tecnologici Superiori, aliases: [ITS] }
`;

export async function loadTestProgramme(db: Db): Promise<void> {
  await loadProgramme(db, parseProgrammeFile('programme.yaml', PROGRAMME_YAML));
}

export interface SeedDoc {
  source: string;
  title?: string;
  kind?: string;
  publishedOn?: string | null;
  cantieri?: string[];
  projects?: string[];
  chunks: { section?: string; text: string }[];
}

/** Documents written for the tests; each one a handful of chunks. */
export const DOCS: SeedDoc[] = [
  {
    source: 'nota-plf.md',
    title: 'Nota sul Polo Logistico Fluviale',
    kind: 'note',
    publishedOn: '2026-10-01',
    cantieri: ['c2'],
    projects: ['plf'],
    chunks: [
      { section: 'Stato', text: 'Il Polo Logistico Fluviale è in fase di progettazione: il protocollo con i Comuni rivieraschi è stato firmato a settembre 2026 e lo studio di fattibilità è completo al 60%.' },
      { section: 'Rischi', text: 'Il rischio principale è il ritardo del parere della Regione sulla banchina di attracco.' },
    ],
  },
  {
    source: 'verbale-energia.md',
    title: 'Verbale del cantiere Energia',
    kind: 'minutes',
    publishedOn: '2025-03-12',
    cantieri: ['c5'],
    projects: ['cer'],
    chunks: [
      { section: 'Apertura', text: "La riunione del cantiere Energia è stata aperta dall'assessore Marco Bellini, che ha ringraziato i sindaci presenti." },
      { section: 'Comunità energetiche', text: 'Sono state individuate dodici aree idonee per gli impianti delle comunità energetiche rinnovabili nei comuni della bassa pianura.' },
    ],
  },
  {
    source: 'relazione-formazione.md',
    title: 'Relazione sulla formazione tecnica',
    kind: 'report',
    publishedOn: '2024-06-30',
    cantieri: ['c7'],
    projects: ['its'],
    chunks: [
      { section: 'Iscritti', text: 'I corsi degli Istituti Tecnologici Superiori contano 240 iscritti, il doppio rispetto a tre anni fa.' },
      { section: 'Fiera', text: 'La fiera dell\'orientamento ha ospitato 35 aziende del territorio e oltre duemila studenti.' },
    ],
  },
  {
    source: 'storia-consorzio.md',
    title: 'Storia del consorzio digitale',
    kind: 'report',
    publishedOn: null,
    chunks: [
      { section: 'Origini', text: 'Il consorzio delle imprese informatiche è nato nel 2011 su iniziativa di dodici aziende e ha sede presso il municipio.' },
      { section: 'Logistica digitale', text: 'Il consorzio collabora con gli operatori della logistica per digitalizzare i documenti di trasporto.' },
    ],
  },
];

/** Inserts documents and chunks embedded with the app's embedder, then builds the vector index. */
export async function seedDocuments(app: AppContext, docs: SeedDoc[] = DOCS, embedderId?: string): Promise<void> {
  const embedder = getEmbedder(app);
  for (const d of docs) {
    const [{ id }] = await app.db.query(
      `INSERT INTO documents (source, title, kind, published_on, content_hash, cantieri, projects) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [d.source, d.title ?? d.source, d.kind ?? 'document', d.publishedOn ?? null, `hash-${d.source}`, d.cantieri ?? [], d.projects ?? []],
    );
    const drafts = d.chunks.map((c, i) => ({ ord: i, title: d.title ?? d.source, section: c.section ?? '', text: c.text }));
    const vectors = await embedder.embedDocuments(drafts.map(embeddingInput));
    for (let i = 0; i < drafts.length; i++) {
      await app.db.query(
        `INSERT INTO chunks (document_id, ord, title, section, text, embedding, embedder) VALUES ($1, $2, $3, $4, $5, $6::vector, $7)`,
        [id, i, drafts[i].title, drafts[i].section, drafts[i].text, toVectorSql(vectors[i]), embedderId ?? embedder.id],
      );
    }
  }
  await ensureVectorIndex(app.db, embedder.dim);
}

/** An app over the test programme and the seeded documents (DOCS, then `extra`). */
export async function seededApp(db: Db, extra: SeedDoc[] = []): Promise<AppContext> {
  const app = testApp(db);
  await loadTestProgramme(db);
  await seedDocuments(app, [...DOCS, ...extra]);
  return app;
}

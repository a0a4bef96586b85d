/**
 * What is embedded for a chunk: its text in the context of its document title and section path, so
 * a passage about "the cantiere" still lands near questions naming the programme or the section.
 * Ingestion and `regia reindex` both embed exactly this.
 */
export function embeddingInput(chunk: { title: string; section: string; text: string }): string {
  return [chunk.title, chunk.section, chunk.text].filter((s) => s?.trim()).join('\n');
}

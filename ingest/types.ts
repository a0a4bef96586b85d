/**
 * Shapes shared by the ingestion steps: a loader turns a file into `LoadedText` (raw text with
 * light Markdown-style markup for headings and bullets, plus page boundaries when the format has
 * pages); cleaning turns that into `Block`s; splitting turns blocks into `ChunkDraft`s.
 */

/** A file that cannot be ingested, with a reason a person can act on. */
export class IngestError extends Error {}

export type DocumentKind = 'pdf' | 'docx' | 'markdown' | 'html' | 'text' | 'project_sheet';

export interface LoadedText {
  kind: DocumentKind;
  /**
   * The text, one logical line per line; headings as `#`-prefixed lines, list items as `- ` lines,
   * blank lines between paragraphs. For paginated formats, pages are separated by a form feed (\f).
   */
  text: string;
  /** A title found by the loader itself (PDF metadata, HTML <title>, first DOCX heading). */
  title?: string;
  /** Whether the text carries explicit `#` heading markup (Markdown, DOCX, HTML, PDF by font size). */
  markup: boolean;
  /** What the person should know although the file went in (e.g. pages left out by a limit). */
  notes?: string[];
}

export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string };

export interface ChunkDraft {
  ord: number;
  title: string;
  /** Heading path, outermost first, joined with " > ". */
  section: string;
  text: string;
}

import type { Row } from '../../db/client.ts';

/** Who wrote a logged record (an update, an indicator value), from what, and which one it revises. */
export interface Provenance {
  author: { platform: string; userId: string; displayName: string };
  sourceRef: string | null;
  sourceText: string | null;
  /** The revision this one replaces (an edit), or null for a first version. */
  supersedes: number | null;
  /** ISO timestamp. */
  createdAt: string;
}

/** The provenance columns every logged record's table shares. */
export function provenanceOf(r: Row): Provenance {
  return {
    author: { platform: r.author_platform, userId: r.author_id, displayName: r.author_name },
    sourceRef: r.source_ref,
    sourceText: r.source_text,
    supersedes: r.supersedes === null ? null : Number(r.supersedes),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

import type { Answer } from '../../core/types.ts';

/** An answer as people read it on a terminal: the text, then the numbered sources below it. */
export function formatAnswer(a: Answer): string {
  const lines = [a.answer];
  if (a.citations.length) {
    lines.push('');
    for (const c of a.citations) {
      const where = [c.title && c.title !== c.source ? c.title : '', c.section].filter(Boolean).join(' - ');
      lines.push(`[${c.n}] ${c.source}${where ? ` (${where})` : ''}${c.quote ? `: "${c.quote}"` : ''}`);
    }
  }
  return lines.join('\n');
}

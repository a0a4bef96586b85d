import { fold } from '../src/core/language.ts';
import type { Programme } from '../src/programme/model.ts';
import { splitSentences } from './split.ts';
import type { Block } from './types.ts';

/** A leading `date YYYY-MM-DD` (or `data ...`) line: the publication date, removed from the text. */
export function takeDateLine(text: string): { text: string; publishedOn: string | null } {
  const m = /^\s*(?:date|data)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?/i.exec(text);
  if (!m) return { text, publishedOn: null };
  const d = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[1]) return { text, publishedOn: null };
  return { text: text.slice(m[0].length), publishedOn: m[1] };
}

// Labels that open a document without naming it.
const NOT_A_TITLE = /^(indice|sommario|contents|table of contents|index|summary|premessa)$/i;

function shorten(text: string, max = 110): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).replace(/[,;:\s]+$/, '')}…`;
}

/**
 * The loader's title; else, with heading markup, the first heading; else the opening: a short first
 * paragraph or first line (a title line), or the first sentence, shortened.
 */
export function pickTitle(opts: { blocks: Block[]; rawText: string; markup: boolean; loaderTitle?: string; fallback: string }): string {
  if (opts.loaderTitle?.trim()) return shorten(opts.loaderTitle, 160);
  if (opts.markup) {
    const heading = opts.blocks.find((b) => b.type === 'heading' && b.level <= 2);
    if (heading) return shorten(heading.text, 160);
  }
  const paragraphs = opts.rawText
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((p) => p.length > 0 && !(p.length === 1 && NOT_A_TITLE.test(p[0])));
  const first = paragraphs[0];
  if (!first) return opts.fallback;
  const whole = first.join(' ').replace(/\s+/g, ' ').replace(/^#+\s*/, '');
  if (whole.length <= 160) return whole.replace(/[.:;,]$/, '');
  const line = first[0].replace(/^#+\s*/, '');
  if (line.length <= 160 && !/[.;,:]$/.test(line) && line.split(/\s+/).length >= 2) return line;
  const para = opts.blocks.find((b) => b.type === 'paragraph');
  const sentence = para ? splitSentences(para.text.split('\n')[0], 'it')[0] : line;
  return shorten(sentence ?? line);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function mentionsPhrase(text: string, folded: string, phrase: string): boolean {
  const p = phrase.trim();
  if (!p) return false;
  // Acronyms ("ZLS", "ITS", "CER") count written in capitals or capitalised ("Zls"), never as a
  // lower-case word ("its" in English prose).
  if (/^[\p{Lu}\d]{2,6}$/u.test(p)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(p)}(?![\\p{L}\\p{N}])`, 'giu');
    return [...text.matchAll(re)].some((m) => m[0] !== m[0].toLowerCase());
  }
  if (p.length < 3) return false;
  const name = fold(p);
  // The match below needs the folded name in the folded text: a plain search rules most names out
  // (each one's regular expression over the whole text was a tenth of an ingestion's CPU).
  if (!folded.includes(name)) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'u').test(folded);
}

/** The cantieri and projects a text names, through the programme's names and aliases. */
export function findMentions(text: string, programme: Programme | null): { cantieri: string[]; projects: string[] } {
  if (!programme) return { cantieri: [], projects: [] };
  const folded = fold(text);
  const cantieri = new Set<string>();
  const projects = new Set<string>();
  // "cantiere 3" needs the word: most texts have none, and each number's expression is then skipped.
  const namesCantiere = folded.includes('cantier');
  for (const c of programme.cantieri) {
    const byNumber = new RegExp(`(?<![\\p{L}])cantier[ei]\\s+(?:n\\.?\\s*)?${escapeRe(fold(c.number))}(?![\\p{N}/])`, 'u');
    if ((namesCantiere && byNumber.test(folded)) || mentionsPhrase(text, folded, c.name)) cantieri.add(c.id);
    for (const p of c.projects) {
      if ([p.name, ...p.aliases].some((n) => mentionsPhrase(text, folded, n))) {
        projects.add(p.id);
        cantieri.add(c.id);
      }
    }
  }
  return { cantieri: [...cantieri].sort(), projects: [...projects].sort() };
}

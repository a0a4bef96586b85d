/** Plain data shared by the core and every channel. The core never imports a platform SDK. */
import type { AnswerSink } from './answer/progress.ts';

export type Lang = 'it' | 'en';

/** A numbered source of an answer, as every channel shows it: `[n] title - section`, with a short quote. */
export interface Citation {
  n: number;
  /** The ingested file's name (or `update:<id>` for a logged progress update). */
  source: string;
  title: string;
  section: string;
  quote: string;
}

export type Intent = 'status' | 'history' | 'who' | 'fact' | 'help' | 'smalltalk' | 'indicator';

export interface Answer {
  answer: string;
  abstained: boolean;
  intent: Intent;
  language: Lang;
  citations: Citation[];
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface AskInput {
  question: string;
  /** Earlier turns of the same thread or conversation, oldest first. */
  history?: ChatTurn[];
  /** The cantiere whose channel the question was asked in: its documents and projects are favoured. */
  cantiereId?: string | null;
  /** "Now" for age computations (tests pin it). */
  now?: Date;
  /** Where the channel shows progress and the streamed text (see answer/progress.ts). */
  sink?: AnswerSink;
}

/** Who is talking to Regia, on which platform. */
export interface Actor {
  /** The channel's name (stored with people and updates as data). */
  platform: string;
  userId: string;
  displayName: string;
  /** An email the platform itself returned for this account (Slack profile, Teams UPN): vouched for. */
  email?: string;
}

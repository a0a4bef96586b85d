import { readFileSync } from 'node:fs';
import type OpenAI from 'openai';
import { openaiClient } from '../openai.ts';
import { z } from 'zod';
import type { Logger } from '../../log.ts';
import type { Answer, Citation } from '../types.ts';
import { abstain } from './extractive.ts';
import type { Passage } from './passages.ts';
import { t } from '../texts/index.ts';
import type { AnswerWriter, WriterInput } from './writer.ts';
import { CitationMapper } from './citations.ts';
import type { AnswerSink } from './progress.ts';
import { streamAnswer } from './llm-stream.ts';

const PROMPT_FILE = new URL('../../../prompts/answer.md', import.meta.url);

const replySchema = z.object({ answer: z.string(), abstain: z.boolean().optional().default(false) });

export interface LlmWriterOptions {
  baseURL?: string;
  apiKey: string;
  model: string;
  /** The whole answer, model call included, falls back to the extractive one after this long. */
  timeoutMs: number;
  fallback: AnswerWriter;
  log?: Logger;
}

/** Why an LLM reply was not used as it came. */
export class LlmAnswerError extends Error {}

let promptTemplate: string | null = null;
function template(): string {
  promptTemplate ??= readFileSync(PROMPT_FILE, 'utf8');
  return promptTemplate;
}

export function renderPrompt(input: WriterInput): string {
  const { analysis: q, passages } = input;
  const text = passages
    .map((p) => `[${p.n}] source: ${p.source}${p.title ? ` | title: ${p.title}` : ''}${p.section ? ` | section: ${p.section}` : ''}\n<<<\n${p.text.replace(/>>>/g, '> > >')}\n>>>`)
    .join('\n\n');
  const vars: Record<string, string> = {
    language: q.lang === 'en' ? 'English' : 'Italian',
    count: String(passages.length),
    dont_know: t(q.lang, 'answer.dontKnow'),
    question: q.question,
    passages: text,
  };
  return template().replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

/** The whole answer's [n] markers mapped to citations (see CitationMapper). */
export function mapCitations(answerText: string, passages: Passage[]): { answer: string; citations: Citation[]; invalid: number[] } {
  const mapper = new CitationMapper(passages);
  const answer = mapper.all(answerText);
  return { answer, citations: mapper.citations, invalid: mapper.invalid };
}

/**
 * An OpenAI-compatible chat model writes the answer from the passages. Any failure (endpoint
 * down, too slow, malformed reply, no valid citation) falls back to the extractive writer.
 */
export class LlmWriter implements AnswerWriter {
  readonly name = 'llm';
  private readonly client: OpenAI;

  constructor(private readonly opts: LlmWriterOptions) {
    this.client = openaiClient(opts);
  }

  async write(input: WriterInput, sink?: AnswerSink): Promise<Answer> {
    const started = Date.now();
    try {
      return await this.generate(input, sink);
    } catch (err) {
      this.opts.log?.warn({ err: (err as Error).message, ms: Date.now() - started }, 'LLM answer failed; using the extractive answer');
      return this.opts.fallback.write(input);
    }
  }

  private async generate(input: WriterInput, sink?: AnswerSink): Promise<Answer> {
    const { analysis: q, passages } = input;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    const request = {
      model: this.opts.model,
      temperature: 0,
      response_format: { type: 'json_object' as const },
      messages: [
        { role: 'system' as const, content: 'You answer strictly from the given passages and reply with JSON only.' },
        { role: 'user' as const, content: renderPrompt(input) },
      ],
    };
    const options = { signal: controller.signal, timeout: this.opts.timeoutMs, maxRetries: 0 };
    let content: string | null | undefined;
    let streamed: { text: string; mapper: CitationMapper } | null = null;
    try {
      if (sink?.text) {
        // Streamed: each sentence is checked (citations mapped, unsupported claims dropped)
        // before the channel shows it. A server that ignores `stream` gives nothing: ask again.
        const stream = await streamAnswer(this.client, request, options, passages, sink);
        if (stream.content) {
          content = stream.content;
          streamed = stream;
        }
      }
      if (!content) {
        const res = await this.client.chat.completions.create(request, options);
        content = res.choices[0]?.message?.content;
      }
    } finally {
      clearTimeout(timer);
    }
    if (!content) throw new LlmAnswerError('empty reply');
    let parsed: z.infer<typeof replySchema>;
    try {
      parsed = replySchema.parse(JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, '')));
    } catch {
      throw new LlmAnswerError('reply is not the expected JSON object');
    }
    if (parsed.abstain) return abstain(q, passages);
    const mapped = streamed ? { answer: streamed.text, citations: streamed.mapper.citations, invalid: streamed.mapper.invalid } : mapCitations(parsed.answer, passages);
    if (mapped.invalid.length) this.opts.log?.warn({ invalid: mapped.invalid }, 'LLM cited passages it was not given; citations removed');
    if (!mapped.citations.length) throw new LlmAnswerError('reply cites none of the given passages');
    return { answer: mapped.answer, abstained: false, intent: q.intent, language: q.lang, citations: mapped.citations };
  }
}

import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { CitationMapper, SentenceSplitter } from './citations.ts';
import type { Passage } from './passages.ts';
import type { AnswerSink } from './progress.ts';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/**
 * Reads the `"answer"` string of a JSON object while the object is still arriving, so the text can
 * be shown before the reply is complete (the prompt asks for `{"answer": "...", "abstain": ...}`).
 */
export class JsonFieldReader {
  private raw = '';
  private pos = -1;
  done = false;

  constructor(private readonly field: string) {}

  /** Adds raw reply text; returns the newly decoded characters of the field. */
  push(piece: string): string {
    this.raw += piece;
    if (this.done) return '';
    if (this.pos < 0) {
      const m = new RegExp(`"${this.field}"\\s*:\\s*"`).exec(this.raw);
      if (!m) return '';
      this.pos = m.index + m[0].length;
    }
    let out = '';
    while (this.pos < this.raw.length) {
      const c = this.raw[this.pos];
      if (c === '"') {
        this.done = true;
        break;
      }
      if (c !== '\\') {
        out += c;
        this.pos += 1;
        continue;
      }
      const e = this.raw[this.pos + 1];
      if (e === undefined) break;
      if (e === 'u') {
        const hex = this.raw.slice(this.pos + 2, this.pos + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      out += ESCAPES[e] ?? e;
      this.pos += 2;
    }
    return out;
  }
}

export interface StreamedAnswer {
  /** The whole raw reply, as a non-streamed call would have returned it ('' when nothing came). */
  content: string;
  /** The checked answer text: exactly what went to the sink. */
  text: string;
  mapper: CitationMapper;
}

/**
 * Asks for the answer as a stream and feeds the sink one checked sentence at a time: a sentence
 * is shown only once its citation markers are complete and mapped, and a claim citing only
 * passages the model was not given is never shown.
 */
export async function streamAnswer(
  client: OpenAI,
  request: ChatCompletionCreateParamsNonStreaming,
  options: { signal: AbortSignal; timeout: number; maxRetries: number },
  passages: Passage[],
  sink: AnswerSink,
): Promise<StreamedAnswer> {
  const mapper = new CitationMapper(passages);
  const reader = new JsonFieldReader('answer');
  const splitter = new SentenceSplitter();
  let content = '';
  let text = '';
  const show = async (sentences: string[]) => {
    for (const s of sentences) {
      const checked = mapper.sentence(s);
      // The first piece shown never starts with blank space, and runs of blank lines collapse.
      const piece = (text ? checked : checked.trimStart()).replace(/\n{3,}/g, '\n\n');
      if (!piece.trim() && !/\n/.test(piece)) continue;
      text += piece;
      await sink.text?.(piece);
    }
  };
  const stream = await client.chat.completions.create({ ...request, stream: true }, options);
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (!delta) continue;
    content += delta;
    const decoded = reader.push(delta);
    if (decoded) await show(splitter.push(decoded));
  }
  await show([splitter.rest()]);
  // Trailing blank space streamed is not part of the final answer.
  const trimmed = text.trimEnd();
  return { content, text: trimmed, mapper };
}

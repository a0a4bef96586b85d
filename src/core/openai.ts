import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

/** An OpenAI-compatible endpoint as configured (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_TIMEOUT_MS). */
export interface OpenAIEndpoint {
  baseURL?: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * THE way Regia builds an OpenAI client (embeddings, answers, update parsing, digest summaries):
 * every call has a timeout; retries only where the caller asks (a fallback usually beats waiting).
 */
export function openaiClient(endpoint: OpenAIEndpoint, opts: { timeoutMs?: number; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey,
    timeout: opts.timeoutMs ?? endpoint.timeoutMs,
    maxRetries: opts.maxRetries ?? 0,
  });
}

const prompts = new Map<string, string>();

/** A prompt template from `prompts/`, read from disk once per process. */
export function promptTemplate(name: string): string {
  let text = prompts.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`../../prompts/${name}`, import.meta.url), 'utf8');
    prompts.set(name, text);
  }
  return text;
}

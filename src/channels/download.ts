import { DownloadError } from '../../ingest/shared.ts';

const TIMEOUT_MS = 60_000;

/**
 * Fetches a file a platform hosts (Slack's url_private_download, Teams' downloadUrl) with a
 * timeout, stopping as soon as it grows past `maxBytes`.
 */
export async function downloadFile(url: string, opts: { headers?: Record<string, string>; maxBytes: number; timeoutMs?: number }): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { headers: opts.headers, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS) });
  } catch (err) {
    const e = err as Error;
    throw new DownloadError(e.name === 'TimeoutError' ? 'timed out' : e.message);
  }
  if (!res.ok) throw new DownloadError(`HTTP ${res.status}`);
  const tooLarge = () => new DownloadError(`over ${Math.round(opts.maxBytes / 1024 / 1024)} MB`);
  if (Number(res.headers.get('content-length') ?? 0) > opts.maxBytes) throw tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const part of res.body ?? []) {
      size += part.length;
      if (size > opts.maxBytes) throw tooLarge();
      parts.push(part);
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError((err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message);
  }
  return Buffer.concat(parts);
}

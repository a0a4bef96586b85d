import type { Lang } from '../../core/types.ts';

/** The board's own URLs, each carrying the signed token (and the chosen language, once chosen). */
export class BoardLinks {
  constructor(
    private readonly token: string,
    readonly lang: Lang,
    private readonly langChosen: boolean,
  ) {}

  private query(extra: Record<string, string> = {}, lang: Lang | null = this.langChosen ? this.lang : null): string {
    const q = new URLSearchParams({ t: this.token, ...(lang ? { lang } : {}), ...extra });
    return `?${q.toString()}`;
  }

  board(): string {
    return `/board${this.query()}`;
  }

  project(id: string): string {
    return `/board/projects/${encodeURIComponent(id)}${this.query()}`;
  }

  events(marker: string): string {
    return `/board/events${this.query({ since: marker }, null)}`;
  }

  /** The same page in the other language. */
  switchLanguage(path: string): string {
    return `${path}${this.query({}, this.lang === 'it' ? 'en' : 'it')}`;
  }
}

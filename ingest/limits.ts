/**
 * Bounds on what one input file may cost, checked before the expensive step (decompression,
 * page extraction, analysis) so a hostile or broken file is refused or cut early and the rest
 * of the folder still goes in.
 */
export const INGEST_LIMITS = {
  /** Sum of the declared uncompressed sizes of a DOCX package's parts. */
  docxExpandedBytes: 64 * 1024 * 1024,
  /** Pages of a PDF extracted; later pages are left out and the summary says so. */
  pdfPages: 2000,
  /** Wall-clock seconds one file may take from loading to its chunks; checked between steps and pages. */
  fileSeconds: 100,
};

/** A cooperative time budget for one file: `check()` throws once the budget is spent. */
export class TimeBudget {
  private readonly deadline: number;
  constructor(
    readonly seconds: number,
    private readonly onExceeded: (seconds: number) => Error,
  ) {
    this.deadline = Date.now() + seconds * 1000;
  }
  check(): void {
    if (Date.now() > this.deadline) throw this.onExceeded(this.seconds);
  }
}

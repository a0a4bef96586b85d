import { describe, expect, it } from 'vitest';
import type { BoardData } from '../../src/board/data.ts';
import type { IndicatorView } from '../../src/board/indicators.ts';
import { BoardPage } from '../../src/board/views/board-page.ts';
import { renderDocument } from '../../src/board/views/html.ts';
import { IndicatorChart } from '../../src/board/views/indicator-chart.ts';
import { BoardLinks } from '../../src/board/views/links.ts';

const indicator: IndicatorView = {
  id: 'imprese',
  name: { it: 'Imprese insediate', en: 'Companies settled' },
  unit: { it: 'imprese', en: 'companies' },
  direction: 'higher',
  cantiereId: 'c4',
  projectId: null,
  baseline: 0,
  target: { value: 20, date: '2027-06-30' },
  series: [
    { date: '2026-03-31', value: 2 },
    { date: '2026-06-30', value: 5 },
    { date: '2026-09-30', value: 9 },
  ],
};

function board(overrides: Partial<BoardData> = {}): BoardData {
  return {
    programme: { id: 'p', name: 'Programma <b>di prova</b>', timezone: 'Europe/Rome', language: 'it', staleAfterDays: 21 },
    cantieri: [
      {
        id: 'c4',
        number: '4',
        name: 'Infrastrutture & "Connessioni"',
        projects: [{ id: 'x', name: '<script>alert(1)</script>', status: null, progress: null, latest: null, ageDays: null, stale: false, blockers: null, due: null }],
        indicators: [],
      },
    ],
    indicators: [],
    counts: { not_started: 0, on_track: 0, at_risk: 0, blocked: 0, done: 0, none: 1 },
    staleCount: 0,
    marker: '1.0.0.0',
    ...overrides,
  };
}

const render = (data: BoardData) => renderDocument(BoardPage({ lang: 'it', links: new BoardLinks('tok', 'it', false), now: new Date(), data }));

describe('board views', () => {
  it('escape every programme-supplied text', () => {
    const out = render(board());
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).toContain('&lt;script>alert(1)&lt;/script>');
    expect(out).not.toContain('<b>di prova</b>');
    expect(out).toContain('Infrastrutture &amp; &quot;Connessioni&quot;');
  });

  it('draw no chart without monitoring data, and a chart with its target when there is some', () => {
    expect(render(board())).not.toContain('<svg');
    const withData = board();
    withData.cantieri[0].indicators = [indicator];
    const out = render(withData);
    expect(out).toContain('<svg');
    expect(out).toContain('Imprese insediate: 9 imprese · obiettivo 20 imprese (30 giugno 2027) · base 0');
    const chart = renderDocument(IndicatorChart({ indicator, lang: 'en' }));
    expect(chart).toContain('role="img"');
    expect(chart).toContain('aria-label="Companies settled: 9 companies · target 20 companies (30 June 2027) · baseline 0"');
    expect(chart.match(/class="target"/g)).toHaveLength(1);
  });
});

import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReportIndicator } from '../core/report/build.ts';
import type { Lang } from '../core/types.ts';
import { t } from '../core/texts/index.ts';

/**
 * One chart per indicator, drawn on the server with Vega-Lite (no browser): the values over time,
 * the baseline, each target as a marker at its date, and the trend's projection to the target in
 * play. SVG for HTML and Markdown; PNG (via resvg) for PDF and DOCX.
 */

const FONT = 'DejaVu Sans';
export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 200;

export function chartSpec(ri: ReportIndicator, lang: Lang): TopLevelSpec {
  const i = ri.indicator;
  const a = ri.assessment;
  const kind = { value: t(lang, 'report.chartValue'), baseline: t(lang, 'report.chartBaseline'), target: t(lang, 'report.chartTarget'), trend: t(lang, 'report.chartTrend') };
  const points = [
    { date: i.baseline.date, value: i.baseline.value, kind: kind.baseline, label: '' },
    ...ri.values.map((v) => ({ date: v.date, value: v.value, kind: kind.value, label: '' })),
  ];
  const targets = i.targets.map((x) => ({ date: x.by, value: x.value, kind: kind.target, label: `${t(lang, 'report.chartTarget')} ${x.value}` }));
  const trend =
    a.latest && a.target && a.projected !== null && a.state !== 'reached'
      ? [
          { date: a.latest.date, value: a.latest.value, kind: kind.trend },
          { date: a.target.by, value: a.projected, kind: kind.trend },
        ]
      : [];
  const color = { domain: [kind.value, kind.baseline, kind.target, kind.trend], range: ['#1f5fa8', '#7a7a7a', '#c0392b', '#1f5fa8'] };
  const x = { field: 'date', type: 'temporal' as const, title: null, scale: { padding: 10 }, axis: { format: '%m/%Y', labelAngle: 0, tickCount: 6 } };
  const y = { field: 'value', type: 'quantitative' as const, title: i.unit[lang] || null, scale: { zero: false, padding: 10 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    config: { font: FONT, axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 10 }, legend: { labelFont: FONT, orient: 'bottom', title: null }, view: { stroke: null } },
    layer: [
      {
        data: { values: points.filter((p) => p.kind === kind.value) },
        mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
        encoding: { x, y, color: { field: 'kind', type: 'nominal', scale: color } },
      },
      {
        data: { values: trend },
        mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, opacity: 0.7 },
        encoding: { x, y, color: { field: 'kind', type: 'nominal', scale: color } },
      },
      {
        data: { values: points.filter((p) => p.kind === kind.baseline) },
        mark: { type: 'point', shape: 'square', filled: true, size: 90 },
        encoding: { x, y, color: { field: 'kind', type: 'nominal', scale: color } },
      },
      {
        data: { values: targets },
        layer: [
          { mark: { type: 'rule', strokeDash: [2, 3], color: '#c0392b', opacity: 0.6 }, encoding: { y } },
          { mark: { type: 'point', shape: 'diamond', filled: true, size: 160 }, encoding: { x, y, color: { field: 'kind', type: 'nominal', scale: color } } },
          { mark: { type: 'text', dy: -12, fontSize: 10, color: '#c0392b' }, encoding: { x, y, text: { field: 'label' } } },
        ],
      },
    ],
  } as TopLevelSpec;
}

export async function chartSvg(ri: ReportIndicator, lang: Lang): Promise<string> {
  const view = new vega.View(vega.parse(compile(chartSpec(ri, lang)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG at twice the SVG's size, for print. */
export function svgToPng(svg: string): Buffer {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: FONT }, background: 'white' });
  return Buffer.from(r.render().asPng());
}

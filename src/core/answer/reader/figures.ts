/**
 * Figures as amounts: the same amount written the Italian way, the English way or with a scale
 * word ("14.000", "14,000", "1,5 milioni", "1.5 million") reads the same.
 */

/** A figure as written, with the scale word after it ("1,5 milioni", "2.500", "1.4.1"). */
const FIGURE = /(\d+(?:[.,]\d+)*)(?:\s*(mila|milioni|miliardi|mln|mld|million|billion|thousand)\b)?/giu;
const SCALES: Record<string, number> = { mila: 1e3, thousand: 1e3, milioni: 1e6, mln: 1e6, million: 1e6, miliardi: 1e9, mld: 1e9, billion: 1e9 };

/**
 * The ways a figure can be written: as it is, and as the amount it gives ("1,5 milioni" and
 * "1.500.000,00" are both 1500000), read the Italian way (dots group thousands, a comma is the
 * decimal point) or the English way.
 */
function readings(figure: string, scale: string | undefined): string[] {
  const factor = scale ? SCALES[scale.toLowerCase()] : 1;
  const out = [figure];
  const italian = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$/.test(figure) ? Number(figure.replace(/\./g, '').replace(',', '.')) : Number.NaN;
  const english = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/.test(figure) ? Number(figure.replace(/,/g, '')) : Number.NaN;
  // A bare "2.5" may be either way and is left as written; "14.000" groups thousands.
  const ambiguous = !scale && /^\d+\.\d+$/.test(figure);
  if (Number.isFinite(italian) && (!ambiguous || /^\d{1,3}\.\d{3}$/.test(figure))) out.push(String(Math.round(italian * factor * 100) / 100));
  if (Number.isFinite(english) && !ambiguous) out.push(String(Math.round(english * factor * 100) / 100));
  return out;
}

/** The figures of a text, where they stand, each in every way it can be read. */
export function figuresOf(text: string): { figure: string; index: number; readings: string[] }[] {
  return [...text.matchAll(FIGURE)].map((m) => ({ figure: m[1], index: m.index, readings: readings(m[1], m[2]) }));
}

/**
 * WCAG 2.x contrast ratio between two sRGB colours (`#rgb`, `#rrggbb`, or `#aarrggbb` as Adaptive
 * Card host configs write them; alpha is ignored). AA asks 4.5:1 for normal text.
 */

export const WCAG_AA_TEXT = 4.5;

function channels(hex: string): [number, number, number] {
  const h = hex.replace(/^#/, '');
  const six = h.length === 3 ? [...h].map((c) => c + c).join('') : h.length === 8 ? h.slice(2) : h;
  if (!/^[0-9a-fA-F]{6}$/.test(six)) throw new Error(`not a colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(six.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** Relative luminance (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (lighter + 0.05) / (darker + 0.05), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

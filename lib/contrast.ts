/**
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio) of #rrggbb colours.
 * The brand colour carries white text (buttons, the open menu entry) and is itself text
 * on the page's pale background (links), so it must read against both.
 */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function contrastWithWhite(hex: string): number {
  return contrast(hex, '#ffffff');
}

/** The page background (Tailwind's slate-50, app/layout.tsx), which brand-coloured links sit on. */
export const PAGE_BACKGROUND = '#f8fafc';

/** The lower of the two contrasts the brand colour must keep: white text on it, and it on the page. */
export function brandContrast(hex: string): number {
  return Math.min(contrastWithWhite(hex), contrast(hex, PAGE_BACKGROUND));
}

/**
 * WCAG 2.x contrast of a #rrggbb colour against white, the text colour the portal puts on
 * its brand colour (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
 */
export function contrastWithWhite(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

import { ICONS, type IconName } from './icons.js';

export interface TileOptions {
  icon: IconName;
  /** base hue of the top-level category's palette, 0-359 */
  hue: number;
  /** a small per-product shift of the hue, in degrees */
  shift: number;
}

const hsl = (h: number, s: number, l: number) => `hsl(${Math.round((h + 360) % 360)} ${s}% ${l}%)`;

/**
 * An 800 x 800 product tile: a soft gradient in the category's colours, a light disc, a floor
 * shadow and the product's icon. Plain shapes only (no text, fonts or links), so it renders the
 * same everywhere and stays a few kilobytes.
 */
export function productTileSvg({ icon, hue, shift }: TileOptions): string {
  const h = hue + shift;
  const ink = hsl(h, 45, 20);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="${hsl(h - 12, 80, 95)}"/><stop offset="1" stop-color="${hsl(h + 18, 70, 82)}"/>`,
    `</linearGradient></defs>`,
    `<style>.a{fill:${hsl(h, 68, 58)}}.b{fill:${hsl(h, 70, 97)}}.c{fill:${ink}}.d{fill:${hsl(h + 40, 85, 68)}}.e{stroke:${hsl(h, 68, 50)}}</style>`,
    `<rect width="800" height="800" fill="url(#g)"/>`,
    `<circle cx="400" cy="380" r="290" fill="#fff" fill-opacity=".45"/>`,
    `<circle cx="660" cy="130" r="70" fill="${hsl(h + 40, 85, 75)}" fill-opacity=".35"/>`,
    `<circle cx="130" cy="690" r="46" fill="${hsl(h, 68, 58)}" fill-opacity=".18"/>`,
    `<ellipse cx="400" cy="636" rx="210" ry="24" fill="${ink}" fill-opacity=".12"/>`,
    `<g transform="translate(180 160) scale(2.2)" fill="none" stroke="${ink}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">`,
    ICONS[icon],
    `</g></svg>`,
  ].join('');
}

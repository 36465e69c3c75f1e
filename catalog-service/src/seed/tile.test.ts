import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_CATALOG } from './catalog-data.js';
import { ICONS, type IconName } from './icons.js';
import { productTileSvg } from './tile.js';

const names = Object.keys(ICONS) as IconName[];

describe('product tiles', () => {
  it('draws every icon as a small, self-contained 800 x 800 SVG with no text', () => {
    for (const icon of names) {
      const svg = productTileSvg({ icon, hue: 212, shift: 5 });
      assert.ok(Buffer.byteLength(svg) < 6 * 1024, `${icon}: ${Buffer.byteLength(svg)} bytes`);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800" height="800" viewBox="0 0 800 800">/);
      assert.ok(svg.endsWith('</svg>'));
      assert.doesNotMatch(svg, /<text|<image|<script|<foreignObject|href=|url\((?!#g\))|@import|font/i, icon);
    }
  });

  it('colours a tile by its department and shifts the hue per product', () => {
    const a = productTileSvg({ icon: 'mug', hue: 24, shift: 0 });
    const b = productTileSvg({ icon: 'mug', hue: 24, shift: 8 });
    const c = productTileSvg({ icon: 'mug', hue: 212, shift: 0 });
    assert.notEqual(a, b);
    assert.notEqual(a, c);
    assert.match(a, /hsl\(24 /);
    assert.match(c, /hsl\(212 /);
  });

  it('gives the demo catalog at least 15 different icons, each one it names drawn', () => {
    const used = new Set(DEMO_CATALOG.flatMap((d) => d.children.flatMap((c) => c.products.map((p) => p.icon))));
    assert.ok(used.size >= 15, `${used.size} icons`);
    for (const icon of used) assert.ok(names.includes(icon), icon);
  });
});

// Real PNG images whose pixels follow from the prompt and the seed (pngjs does the encoding).
import { PNG } from 'pngjs';
import { hash32, seededRandom } from './tokens';

type Rgb = [number, number, number];

const color = (rnd: () => number): Rgb => [Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256)];

/**
 * A diagonal gradient between two colours with a few discs on top; colours, angle and discs
 * all come from hash(prompt) ^ seed, so the same request always gives the same bytes.
 * `blank` renders the black frame content-filtered responses carry.
 */
export function renderPng(width: number, height: number, prompt: string, seed: number, blank = false): Buffer {
  const png = new PNG({ width, height, colorType: 2 });
  const rnd = seededRandom(hash32(prompt) ^ (seed >>> 0));
  const a = color(rnd);
  const b = color(rnd);
  const angle = rnd() * Math.PI * 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const discs = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => ({
    x: rnd() * width, y: rnd() * height, r2: (0.05 + rnd() * 0.2) ** 2 * Math.min(width, height) ** 2, c: color(rnd),
  }));
  const span = Math.abs(width * cos) + Math.abs(height * sin) || 1;
  const offset = Math.min(0, width * cos) + Math.min(0, height * sin);
  const data = png.data;
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    for (let x = 0; x < width; x++) {
      const i = row + x * 4;
      const t = (x * cos + y * sin - offset) / span;
      data[i] = blank ? 0 : a[0] + (b[0] - a[0]) * t;
      data[i + 1] = blank ? 0 : a[1] + (b[1] - a[1]) * t;
      data[i + 2] = blank ? 0 : a[2] + (b[2] - a[2]) * t;
      data[i + 3] = 255;
    }
    if (blank) continue;
    // Each disc covers one span of this row: paint it over the gradient, later discs on top.
    for (const d of discs) {
      const dy2 = (y - d.y) ** 2;
      if (dy2 >= d.r2) continue;
      const half = Math.sqrt(d.r2 - dy2);
      const from = Math.max(0, Math.ceil(d.x - half));
      const to = Math.min(width - 1, Math.floor(d.x + half));
      for (let x = from; x <= to; x++) {
        const i = row + x * 4;
        data[i] = d.c[0];
        data[i + 1] = d.c[1];
        data[i + 2] = d.c[2];
      }
    }
  }
  // "Up" filtering with fast deflate: about half the time of pngjs's adaptive default, still small files.
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, filterType: 2, deflateLevel: 1 });
}

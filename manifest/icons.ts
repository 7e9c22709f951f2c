import { encodePng } from './png';

/**
 * The app's two icons, drawn from code: a clipboard with a tick. Teams wants a 192×192 full-colour
 * icon and a 32×32 outline icon that is white on a transparent background.
 */
type Point = readonly [number, number];
/** A shape as "is this point (in 0..1 icon coordinates) inside?" */
type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
  };
}

function frame(x0: number, y0: number, x1: number, y1: number, r: number, stroke: number): Shape {
  const outer = roundedRect(x0, y0, x1, y1, r);
  const inner = roundedRect(x0 + stroke, y0 + stroke, x1 - stroke, y1 - stroke, Math.max(r - stroke, 0));
  return (x, y) => outer(x, y) && !inner(x, y);
}

function polyline(points: readonly Point[], width: number): Shape {
  const half = width / 2;
  return (x, y) => {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1] ?? [0, 0];
      const [bx, by] = points[i] ?? [0, 0];
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      if (Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= half) return true;
    }
    return false;
  };
}

/** Share of a pixel covered by any shape, from a 4×4 grid of samples (smooth edges, deterministic). */
function coverage(shapes: readonly Shape[], px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4) / size;
      const y = (py + (sy + 0.5) / 4) / size;
      if (shapes.some((s) => s(x, y))) hits++;
    }
  return hits / 16;
}

function clipboard(stroke: number, inset: number): Shape[] {
  const [x0, y0, x1, y1] = [0.22 + inset, 0.2 + inset / 2, 0.78 - inset, 0.86 - inset / 2];
  return [
    frame(x0, y0, x1, y1, 0.06, stroke),
    roundedRect(0.38, y0 - 0.06, 0.62, y0 + 0.06, 0.03),
    polyline(
      [
        [0.36, 0.55],
        [0.46, 0.66],
        [0.65, 0.43],
      ],
      stroke * 1.15,
    ),
  ];
}

export function parseHexColour(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour: ${hex}`);
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

/** 192×192: a white clipboard on the accent colour, fully opaque. */
export function colourIcon(accentColour: string): Buffer {
  const size = 192;
  const [r, g, b] = parseHexColour(accentColour);
  const shapes = clipboard(0.05, 0);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = coverage(shapes, x, y, size);
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(r + (255 - r) * c);
      pixels[i + 1] = Math.round(g + (255 - g) * c);
      pixels[i + 2] = Math.round(b + (255 - b) * c);
      pixels[i + 3] = 255;
    }
  return encodePng({ width: size, height: size, pixels });
}

/** 32×32: the same drawing in white, everything else transparent (Teams recolours it). */
export function outlineIcon(): Buffer {
  const size = 32;
  const shapes = clipboard(0.085, -0.06);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = coverage(shapes, x, y, size);
      const i = (y * size + x) * 4;
      // Fully transparent pixels stay (0,0,0,0); drawn ones are white with the coverage as alpha.
      if (c > 0) pixels.set([255, 255, 255, Math.round(255 * c)], i);
    }
  return encodePng({ width: size, height: size, pixels });
}

/**
 * Draws patbot's Teams icons (a key: the PAT) and writes them as PNGs with Node's zlib, no image
 * library: `color.png` 192×192 (white key on the accent colour) and `outline.png` 32×32 (white
 * key on transparent). Run: `npx tsx manifest/teams/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (row-major) → PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Is (x, y) on the key? Coordinates in a 0..1 square; the key points right, tilted up. */
function onKey(x: number, y: number): boolean {
  // Rotate by -35° around the centre so the key sits diagonally.
  const a = (35 * Math.PI) / 180;
  const cx = x - 0.5;
  const cy = y - 0.5;
  const u = cx * Math.cos(a) - cy * Math.sin(a) + 0.5;
  const v = cx * Math.sin(a) + cy * Math.cos(a) + 0.5;
  const ring = Math.hypot(u - 0.3, v - 0.5);
  if (ring <= 0.17 && ring >= 0.08) return true; // bow
  if (u >= 0.44 && u <= 0.86 && v >= 0.46 && v <= 0.54) return true; // shaft
  if (u >= 0.7 && u <= 0.76 && v >= 0.54 && v <= 0.64) return true; // first tooth
  if (u >= 0.8 && u <= 0.86 && v >= 0.54 && v <= 0.68) return true; // second tooth
  return false;
}

/** Coverage of one pixel by the key (4×4 supersampling, for smooth edges). */
function coverage(px: number, py: number, size: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i += 1)
    for (let j = 0; j < 4; j += 1)
      if (onKey((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size)) hits += 1;
  return hits / 16;
}

export function drawIcon(size: number, background: [number, number, number] | null): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const k = coverage(x, y, size);
      const o = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c += 1) rgba[o + c] = Math.round(background[c] * (1 - k) + 255 * k);
        rgba[o + 3] = 255;
      } else {
        rgba[o] = rgba[o + 1] = rgba[o + 2] = 255;
        rgba[o + 3] = Math.round(255 * k);
      }
    }
  }
  return encodePng(size, size, rgba);
}

/** The manifest's accentColor (#0B5CAD). */
export const ACCENT: [number, number, number] = [0x0b, 0x5c, 0xad];

if (require.main === module) {
  writeFileSync(join(__dirname, 'color.png'), drawIcon(192, ACCENT));
  writeFileSync(join(__dirname, 'outline.png'), drawIcon(32, null));
  console.log('wrote manifest/teams/color.png and outline.png');
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled } from '@goalpost/devstack';

const popplerUtils = {
  command: 'pdftotext',
  apt: 'poppler-utils',
  brew: 'poppler',
  manual: 'pdftotext is not installed and could not be installed automatically: install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler).',
};

/** A word pdftotext found, with its box in PDF points from the page's top-left corner. */
export interface PdfWord { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** An RGB raster of one page at 72 dpi: one pixel per PDF point. */
export interface PageRaster { width: number; height: number; rgb: Buffer }

/**
 * A PDF read back with Debian's poppler-utils (installed with apt-get when missing, as the local stack
 * installs redis-server): its text, its words with their positions, and its pages as rasters.
 */
export function readPdf(pdf: Buffer) {
  ensureInstalled(popplerUtils, (message) => console.log(message));
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-report-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const xhtml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: PdfWord[] = [];
  xhtml.split('<page ').slice(1).forEach((page, index) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: index + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decodeEntities(m[5]!) });
    }
  });
  const pageCount = xhtml.split('<page ').length - 1;

  function raster(page: number): PageRaster {
    const out = join(dir, `page-${page}`);
    execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', file, out]);
    return parsePpm(readFileSync(`${out}.ppm`));
  }
  /** Saves one page as a PNG at `path` (without the extension). */
  function savePng(page: number, path: string, dpi = 110) {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, path]);
  }
  return { text, words, pageCount, raster, savePng, dispose: () => rmSync(dir, { recursive: true, force: true }), files: () => readdirSync(dir) };
}

const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** A binary PPM (P6, maxval 255), as pdftoppm writes it. */
function parsePpm(data: Buffer): PageRaster {
  let offset = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]!))) offset++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[offset]!))) token += String.fromCharCode(data[offset++]!);
    fields.push(token);
  }
  offset++;
  if (fields[0] !== 'P6' || fields[3] !== '255') throw new Error(`Not a P6 PPM with maxval 255: ${fields.join(' ')}`);
  return { width: Number(fields[1]), height: Number(fields[2]), rgb: data.subarray(offset) };
}

/** Pixels inside a box of a raster (points = pixels at 72 dpi) that match `test`. */
export function countPixels(raster: PageRaster, box: { x0: number; y0: number; x1: number; y1: number }, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(raster.height, Math.ceil(box.y1)); y++) {
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(raster.width, Math.ceil(box.x1)); x++) {
      const i = (y * raster.width + x) * 3;
      if (test(raster.rgb[i]!, raster.rgb[i + 1]!, raster.rgb[i + 2]!)) n++;
    }
  }
  return n;
}

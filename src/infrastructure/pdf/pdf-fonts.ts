import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The one typeface of every platform PDF: Noto Sans CJK SC ("Noto Sans Hans", the Simplified
 * Chinese subset of Noto Sans CJK by Adobe and Google, ~30,000 characters including Latin), as
 * OpenType/CFF files shipped by the npm package `@embedpdf/fonts-sc`.
 *
 * Licence: SIL Open Font License 1.1 (the package's LICENSE file). The OFL allows embedding in
 * documents and bundling with software; documents made with the font are not bound by it.
 *
 * The files come from npm at install time and are never fetched at run time. Fonts are embedded
 * as subsets, so a document carries only the glyphs it uses (tens of kilobytes).
 */
const FONT_PACKAGE = '@embedpdf/fonts-sc';
const FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

export type PdfFontWeight = keyof typeof FILES;

/** Absolute path of a font file. The package exports only its index, so resolve that and walk over. */
export function pdfFontPath(weight: PdfFontWeight): string {
  const index = require.resolve(FONT_PACKAGE); // <package>/dist/index.cjs
  return join(dirname(index), '..', 'fonts', FILES[weight]);
}

const cache = new Map<PdfFontWeight, Buffer>();

/** The font file's bytes, read once per process (about 8 MB each). */
export function pdfFontData(weight: PdfFontWeight): Buffer {
  let data = cache.get(weight);
  if (!data) {
    data = readFileSync(pdfFontPath(weight));
    cache.set(weight, data);
  }
  return data;
}

const parsed = new Map<PdfFontWeight, fontkit.Font>();

/**
 * The font parsed once per process. PDFKit accepts a parsed font as well as bytes, and given
 * bytes it parses all 8 MB again each time it restores the font after a table cell: a 250-row
 * table took 14 s and hundreds of megabytes that way, against well under a second now.
 */
export function pdfFont(weight: PdfFontWeight): fontkit.Font {
  let font = parsed.get(weight);
  if (!font) {
    const created = fontkit.create(pdfFontData(weight));
    if (!('hasGlyphForCodePoint' in created)) throw new Error(`${FILES[weight]} is a font collection, expected one font`);
    font = created;
    parsed.set(weight, font);
  }
  return font;
}

/**
 * Characters of `text` the font cannot draw (each once, in order of appearance). Control
 * characters such as newlines are layout, not glyphs, and are ignored.
 */
export function missingGlyphs(text: string): string[] {
  // Both weights cover the same character set; the regular one answers for both.
  const coverage = pdfFont('regular');
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (!coverage.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

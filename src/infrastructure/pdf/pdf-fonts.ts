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

let coverage: fontkit.Font | undefined;

/**
 * Characters of `text` the font cannot draw (each once, in order of appearance). Control
 * characters such as newlines are layout, not glyphs, and are ignored.
 */
export function missingGlyphs(text: string): string[] {
  if (!coverage) {
    // Both weights cover the same character set; the regular one answers for both.
    const font = fontkit.create(pdfFontData('regular'));
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${FILES.regular} is a font collection, expected one font`);
    coverage = font;
  }
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (!coverage.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

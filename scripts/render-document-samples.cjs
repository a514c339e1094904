#!/usr/bin/env node
/**
 * Renders one document of each type, from demo-like data (src/demo/document-samples.ts), in
 * Chinese and English, and turns each into PNG pages under docs/documents/ so a reviewer can see
 * them without running anything. Needs a build (npm run build) and pdftoppm (poppler-utils).
 *
 *   npm run docs:documents            # writes docs/documents/<type>-<lang>-<page>.png
 *   npm run docs:documents -- --pdf   # also keeps the PDFs there
 *
 * Only the first and the last page of each document are kept, at 60 dpi, to keep the repository
 * small: the head of a document and its closing block (signatures, date, seal) are what differ.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, renameSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'demo', 'document-samples.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}
const { documentSamples } = require(join(dist, 'demo', 'document-samples.js'));
const { renderPdf } = require(join(dist, 'infrastructure', 'pdf', 'render-pdf.js'));

const out = join(root, 'docs', 'documents');
const keepPdf = process.argv.includes('--pdf');
const DPI = '60';

function pageCount(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)[1]);
}

async function main() {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) if (/\.(png|pdf)$/.test(f)) rmSync(join(out, f));
  const work = mkdtempSync(join(tmpdir(), 'accord-documents-'));
  const written = [];
  try {
    for (const lang of ['zh-CN', 'en']) {
      for (const sample of documentSamples(lang)) {
        const stem = `${sample.name}-${lang}`;
        const pdf = join(work, `${stem}.pdf`);
        writeFileSync(pdf, await renderPdf(sample.spec, lang, { timeZone: 'Asia/Shanghai' }));
        const pages = pageCount(pdf);
        for (const page of [...new Set([1, pages])]) {
          const target = join(out, `${stem}-${page}`);
          execFileSync('pdftoppm', ['-png', '-r', DPI, '-f', String(page), '-l', String(page), '-singlefile', pdf, target]);
          written.push(`${stem}-${page}.png`);
        }
        if (keepPdf) renameSync(pdf, join(out, `${stem}.pdf`));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${written.length} images in docs/documents:\n  ${written.join('\n  ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

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
const { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } = require('node:fs');
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
const readme = join(root, 'README.md');
const START = '<!-- document-samples:start (npm run docs:documents writes this table) -->';
const END = '<!-- document-samples:end -->';

/** What each sample is called in the README's table. */
const TITLES = {
  'notice-of-mediation': '调解通知书 / Notice of mediation',
  'certificate-of-service': '送达回证 / Certificate of electronic service',
  'settlement-agreement': '调解协议书（待签署）/ Settlement agreement, for signature',
  'settlement-agreement-signed': '调解协议书（已签署）/ Signed settlement agreement',
  'session-record': '调解笔录 / Session record',
  'termination-of-mediation': '调解终结书 / Notice of termination of mediation',
  'application-for-judicial-confirmation': '司法确认申请书 / Application for judicial confirmation',
  ruling: '民事裁定书 / Civil ruling',
  attestation: '调解机构证明书 / Attestation (Singapore Convention)',
  'archive-cover-and-catalogue': '调解卷宗封面及卷内目录 / Case file cover and catalogue',
};

/** Rewrites the table between the markers in README.md. */
function writeReadmeTable(pages) {
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  const link = (stem) => pages[stem].map((p) => `[p. ${p}](docs/documents/${stem}-${p}.png)`).join(', ');
  const rows = Object.keys(TITLES).map((name) => `| ${TITLES[name]} | ${link(`${name}-zh-CN`)} | ${link(`${name}-en`)} |`);
  const table = ['| document | 中文 | English |', '| --- | --- | --- |', ...rows].join('\n');
  writeFileSync(readme, `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`);
}
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
  const pages = {};
  try {
    for (const lang of ['zh-CN', 'en']) {
      for (const sample of documentSamples(lang)) {
        const stem = `${sample.name}-${lang}`;
        const pdf = join(work, `${stem}.pdf`);
        writeFileSync(pdf, await renderPdf(sample.spec, lang, { timeZone: 'Asia/Shanghai' }));
        const count = pageCount(pdf);
        pages[stem] = [...new Set([1, count])];
        for (const page of pages[stem]) {
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
  writeReadmeTable(pages);
  console.log(`${written.length} images in docs/documents:\n  ${written.join('\n  ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

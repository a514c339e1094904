import { PassThrough } from 'node:stream';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { hashOf } from '../../common/hashing/hash-algorithm';
import type { PdfDocumentSpec } from './pdf-document.model';
import { missingGlyphs, pdfFontPath } from './pdf-fonts';
import { PdfRenderError, renderPdf, renderPdfStream } from './render-pdf';

/** Text of each page as a real PDF reader (pdf.js) extracts it. */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(proxy, { mergePages: false });
  return text;
}

async function infoOf(pdf: Buffer): Promise<Record<string, unknown>> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  return (await getMeta(proxy)).info as Record<string, unknown>;
}

const agreementHash = hashOf('sha256', '调解协议书 (2026)京0108民调123号 final text');

const serviceCertificate: PdfDocumentSpec = {
  documentId: 'ACC-SC-2026-000123',
  title: '送达回证',
  subtitle: '电子送达',
  issuer: '北京知识产权调解中心',
  createdAt: new Date('2026-10-08T09:30:00Z'),
  keywords: ['电子送达'],
  blocks: [
    {
      kind: 'fields',
      rows: [
        { label: '案号', value: '(2026)京0108民调123号' },
        { label: '送达文书', value: '调解协议书' },
        { label: '受送达人', value: '张伟（深圳市某某科技有限公司）' },
        { label: '送达地址', value: 'zhangwei@example.com' },
        { label: '文书SHA-256', value: agreementHash, code: true },
      ],
    },
    { kind: 'heading', text: '送达情况' },
    { kind: 'paragraph', text: '上述文书已于2026年10月8日通过平台电子送达方式送达受送达人确认的电子地址，系统记录显示送达成功。' },
  ],
  attestation: {
    statement: '本回证由平台根据送达记录自动生成，送达过程全程留痕，可通过文书编号核验。',
    signatories: [
      { role: '送达人', name: '李娜', signedAt: new Date('2026-10-08T09:31:00Z') },
      { role: '受送达人', name: '张伟' },
    ],
  },
};

describe('renderPdf', () => {
  it('renders Chinese text with the embedded font, so a PDF reader extracts it', async () => {
    const pdf = await renderPdf(serviceCertificate, 'zh-CN');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = await pagesOf(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0];
    for (const expected of ['送达回证', '调解协议书', '受送达人', '张伟（深圳市某某科技有限公司）', '送达情况']) {
      expect(text).toContain(expected);
    }
    // The hash is set small enough to stay on one line, so it reads back whole.
    expect(text).toContain(agreementHash);
    expect(text).toContain('文书编号：ACC-SC-2026-000123');
    expect(text).toContain('第 1 页 / 共 1 页');
    // Signed at 09:31 UTC is 17:31 in Shanghai; the unsigned party gets a signature line.
    expect(text).toContain('签署时间：2026年10月8日 17:31');
    expect(text).toMatch(/签名：_+/);

    // The font travels inside the file as a subset: no reader needs a Chinese font installed.
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).toContain('/FontFile3');
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('records the creation date, title, author and language in the metadata', async () => {
    const info = await infoOf(await renderPdf(serviceCertificate, 'zh-CN'));
    expect(info.CreationDate).toBe('D:20261008093000Z');
    expect(info.ModDate).toBe('D:20261008093000Z');
    expect(info.Title).toBe('送达回证');
    expect(info.Author).toBe('北京知识产权调解中心');
    expect(info.Keywords).toBe('电子送达, ACC-SC-2026-000123');
    expect(info.Language).toBe('zh-CN');
  });

  it('renders an English document over several pages, numbering each and repeating the document id', async () => {
    const spec: PdfDocumentSpec = {
      documentId: 'ACC-AG-2026-000045',
      title: 'Mediated Settlement Agreement',
      subtitle: 'Case (2026) Jing 0108 Min Tiao No. 123',
      createdAt: new Date('2026-11-02T01:00:00Z'),
      blocks: [
        {
          kind: 'fields',
          rows: [
            { label: 'Applicant', value: 'Shenzhen Example Technology Co., Ltd. (深圳市某某科技有限公司)' },
            { label: 'Respondent', value: 'Example GmbH' },
            { label: 'Document SHA-256', value: agreementHash, code: true },
          ],
        },
        ...Array.from({ length: 12 }, (_, i) => [
          { kind: 'heading' as const, text: `Clause ${i + 1}` },
          {
            kind: 'paragraph' as const,
            text:
              `Clause ${i + 1} text. The Respondent shall pay the Applicant the agreed licence fee in instalments, ` +
              'each due on the date set out in the performance schedule, and shall cease using the patented ' +
              'method within thirty days after this agreement takes effect. '.repeat(3),
          },
        ]).flat(),
      ],
      attestation: {
        statement: 'This agreement takes effect when the last party signs it.',
        signatories: [
          { role: 'Applicant', name: 'Zhang Wei', signedAt: new Date('2026-11-02T02:15:00Z') },
          { role: 'Respondent', name: 'Anna Schmidt', signedAt: new Date('2026-11-02T08:40:00Z') },
          { role: 'Mediator', name: '李娜' },
        ],
      },
    };
    const pdf = await renderPdf(spec, 'en', { timeZone: 'Europe/Berlin' });
    const pages = await pagesOf(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('Document ID: ACC-AG-2026-000045');
    });
    const all = pages.join('\n');
    expect(all).toContain('Mediated Settlement Agreement');
    expect(all).toContain('深圳市某某科技有限公司');
    expect(all).toContain(agreementHash);
    expect(all).toContain('Clause 12');
    // 08:40 UTC is 09:40 in Berlin (CET, UTC+1) in November.
    expect(all).toContain('Signed at: 2 November 2026, 09:40:00 (UTC+01:00)');
    // The attestation is kept together: all three signatories on the last page.
    for (const name of ['Zhang Wei', 'Anna Schmidt', '李娜']) expect(pages.at(-1)).toContain(name);
    expect((await infoOf(pdf)).Language).toBe('en');
  });

  it('refuses a character the font cannot draw instead of printing a blank box', async () => {
    const spec = { ...serviceCertificate, blocks: [{ kind: 'paragraph' as const, text: '当事人：𠀀先生' }] };
    await expect(renderPdf(spec, 'zh-CN')).rejects.toThrow(PdfRenderError);
    await expect(renderPdf(spec, 'zh-CN')).rejects.toMatchObject({ missingCharacters: ['𠀀'] });
    await expect(renderPdf(spec, 'zh-CN')).rejects.toThrow(/U\+20000/);
  });

  it('refuses invalid dates and an unknown time zone', async () => {
    await expect(renderPdf({ ...serviceCertificate, createdAt: new Date('x') }, 'en')).rejects.toThrow(/createdAt/);
    await expect(renderPdf(serviceCertificate, 'en', { timeZone: 'Nowhere/City' })).rejects.toThrow(/Nowhere/);
    const badSignature = {
      ...serviceCertificate,
      attestation: { signatories: [{ role: '送达人', name: '李娜', signedAt: new Date('x') }] },
    };
    await expect(renderPdf(badSignature, 'zh-CN')).rejects.toThrow(/signedAt of 送达人 李娜/);
  });
});

describe('renderPdfStream', () => {
  it('streams the same document for storage', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const finished = new Promise((resolve) => sink.on('end', resolve));
    renderPdfStream(serviceCertificate, 'zh-CN').pipe(sink);
    await finished;
    const pages = await pagesOf(Buffer.concat(chunks));
    expect(pages[0]).toContain('送达回证');
  });
});

describe('pdf fonts', () => {
  it('resolves the font files from the installed package', () => {
    expect(pdfFontPath('regular')).toMatch(/@embedpdf[\\/]fonts-sc[\\/]fonts[\\/]NotoSansHans-Regular\.otf$/);
    expect(pdfFontPath('bold')).toMatch(/NotoSansHans-Bold\.otf$/);
  });

  it('covers common and rarer name characters, Latin and full-width punctuation', () => {
    expect(missingGlyphs('送达回证 调解协议书 喆堃犇燊镕珺 Müller & Søn — ￥1,000（元）')).toEqual([]);
    expect(missingGlyphs('a\n𠀀b𠀀')).toEqual(['𠀀']);
  });
});

import { eventChain } from '../../test/support/archive-fixtures';
import type { PdfBlock, PdfField } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { archiveCoverSheet, printable } from './archive-cover-sheet';
import { buildManifestBody, type ManifestBody } from './archive-manifest';
import { retentionFor, retentionPolicy } from './archive-retention';

function body(overrides: { parties?: boolean; filename?: string } = {}): ManifestBody {
  const events = eventChain(3, 'sm3', [2]);
  return buildManifestBody({
    input: {
      case: {
        id: 'c1',
        number: 'ACC-2026-000042',
        title: 'Licence dispute 🚀',
        disputeType: 'ip_licence_contract',
        source: 'online_application',
        referralType: null,
        referralNumber: null,
        outcome: 'mediation_failed',
        outcomeReason: 'no agreement on royalties',
        foreignElement: true,
        parties:
          overrides.parties === false
            ? []
            : [{ side: 'applicant', position: 1, kind: 'organisation', name: 'Müller & Søn GmbH', idType: 'business_registration', idNumber: 'HRB 12345' }],
        createdAt: new Date('2026-03-01T00:00:00Z'),
        submittedAt: new Date('2026-03-01T01:00:00Z'),
        closedAt: events[2].occurredAt,
      },
      events,
      documents: [],
    },
    algorithm: 'sm3',
    archivedAt: new Date('2026-04-01T00:00:00Z'),
    retention: retentionFor(retentionPolicy(30, 'mediation_failed:10'), 'mediation_failed', events[2].occurredAt, 'Europe/Berlin'),
    documents: [
      {
        id: 'd1',
        path: 'documents/001-offer.pdf',
        filename: overrides.filename ?? 'offer.pdf',
        kind: 'evidence',
        visibility: 'all_parties',
        side: 'applicant',
        contentType: 'application/pdf',
        size: 1234567,
        hash: 'a'.repeat(64),
        sha256: 'b'.repeat(64),
        uploadedBy: null,
        uploadedAt: '2026-03-02T00:00:00.000Z',
        supersedesId: null,
        sealed: false,
        visibleTo: null,
      },
    ],
  });
}

const rows = (blocks: PdfBlock[]): PdfField[] => blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : []));
const text = (blocks: PdfBlock[]): string => blocks.map((b) => (b.kind === 'fields' ? b.rows.map((r) => `${r.label} ${r.value}`).join('\n') : b.text)).join('\n');

describe('archive cover sheet', () => {
  it('writes what the font cannot draw as code points, so one emoji cannot stop an archive', () => {
    expect(printable('合同 contract')).toBe('合同 contract');
    expect(printable('a🚀b')).toBe('a[U+1F680]b');
  });

  it('describes the case, the archive, every document with both hashes and every event in English', () => {
    const spec = archiveCoverSheet(body(), 'en', { timeZone: 'Europe/Berlin', issuer: 'Accord Mediation Centre', verifyUrl: 'https://accord.example.cn' });
    expect(spec.title).toBe('Mediation Case File');
    expect(spec.subtitle).toBe('ACC-2026-000042　Licence dispute [U+1F680]');
    expect(spec.createdAt.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const all = text(spec.blocks);
    for (const expected of [
      'Type of dispute IP licence or contract dispute',
      'Outcome Mediation ended without settlement',
      'Outcome note no agreement on royalties',
      'Applicant Müller & Søn GmbH (legal person or organisation)\nBusiness registration number: HRB 12345',
      'Retention 10 years (from 2 March 2026 to 2 March 2036)',
      'Hash algorithm SM3 (GB/T 32905-2016)',
      'Documents 1',
      'Total size 1,234,567 bytes',
      'Evidence: offer.pdf\nfiled 2 March 2026, 1,234,567 bytes',
      `SM3 (GB/T 32905-2016) ${'a'.repeat(64)}\nSHA-256 ${'b'.repeat(64)}`,
      'Location in the archive: documents/001-offer.pdf',
      // Times in the given zone; the confidential event is marked sealed.
      '2 2 March 2026, 04:00 (UTC+01:00)　[Sealed] Other recorded event (Mediator)',
      // How a person verifies it: on the platform, never with a developer command.
      'open https://accord.example.cn in a browser',
    ]) {
      expect(all).toContain(expected);
    }
    expect(rows(spec.blocks).filter((r) => r.value.includes('(UTC+01:00)'))).toHaveLength(3);
    expect(all).not.toMatch(/npm run|archive:verify|[a-z]+_[a-z]+/);
  });

  it('says so when a case has no parties on record', () => {
    const spec = archiveCoverSheet(body({ parties: false }), 'zh-CN');
    expect(spec.blocks).toContainEqual({ kind: 'paragraph', text: '（无）' });
  });

  it('renders with the shared renderer even when a file name has characters the font lacks', async () => {
    const pdf = await renderPdf(archiveCoverSheet(body({ filename: 'offer 🚀.pdf' }), 'zh-CN'), 'zh-CN');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

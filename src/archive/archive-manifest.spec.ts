import { eventChain } from '../../test/support/archive-fixtures';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf } from '../common/hashing/hash-algorithm';
import {
  archiveFingerprint,
  archiveStorageKey,
  assertArchivable,
  buildManifestBody,
  computeManifestHash,
  documentSealing,
  entryFileName,
  eventSealing,
  planDocuments,
  type ArchiveDocumentInput,
  type ArchiveInput,
  type ArchiveManifest,
} from './archive-manifest';
import { retentionFor, retentionPolicy } from './archive-retention';

const doc = (overrides: Partial<ArchiveDocumentInput> = {}): ArchiveDocumentInput => ({
  id: 'd1',
  kind: 'evidence',
  visibility: 'all_parties',
  side: 'applicant',
  filename: 'evidence.pdf',
  contentType: 'application/pdf',
  size: 10,
  sha256: hashOf('sha256', 'x'),
  storageKey: 'cases/c1/documents/d1',
  uploadedBy: 'u1',
  uploadedAt: new Date('2026-03-01T00:00:00Z'),
  supersedesId: null,
  ...overrides,
});

const input = (documents: ArchiveDocumentInput[] = [doc()]): ArchiveInput => {
  const events = eventChain(4);
  return {
    case: {
      id: '6f1c7a52-4a5e-4c8e-9d0e-1f2a3b4c5d6e',
      number: 'ACC-2026-000001',
      title: 'Patent dispute',
      disputeType: 'patent',
      source: 'online_application',
      referralType: null,
      referralNumber: null,
      outcome: 'withdrawn',
      outcomeReason: 'the applicant withdrew',
      foreignElement: true,
      parties: [{ side: 'applicant', position: 1, kind: 'person', name: 'Zhang Wei', idType: 'passport', idNumber: 'E1234567' }],
      createdAt: new Date('2026-03-01T00:00:00Z'),
      submittedAt: null,
      closedAt: events[3].occurredAt,
    },
    events,
    documents,
  };
};

function sealedManifest(i: ArchiveInput = input()): ArchiveManifest {
  const body = buildManifestBody({
    input: i,
    algorithm: 'sha256',
    archivedAt: new Date('2026-04-01T00:00:00Z'),
    retention: retentionFor(retentionPolicy(), i.case.outcome, i.case.closedAt, 'Asia/Shanghai'),
    documents: [],
  });
  const unsealed = { ...body, files: [] };
  return { ...unsealed, seal: { algorithm: 'sha256', manifestHash: computeManifestHash(unsealed), trustedTimestamp: null } };
}

describe('archive manifest', () => {
  it('names entries by filing number and a cleaned file name', () => {
    expect(entryFileName(1, '起诉状.pdf')).toBe('001-起诉状.pdf');
    expect(entryFileName(12, '../../etc/passwd')).toBe('012-_.._etc_passwd');
    expect(entryFileName(3, 'a\u0000b:c*?.pdf')).toBe('003-a_b_c__.pdf');
    expect(entryFileName(4, '  ...  ')).toBe('004-document');
    const long = entryFileName(5, `${'长'.repeat(300)}.docx`);
    expect([...long]).toHaveLength(4 + 100);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('orders documents by filing time then id, on every run alike, and keeps sealed names out of paths', () => {
    const plans = planDocuments([
      doc({ id: 'b', uploadedAt: new Date('2026-03-02T00:00:00Z'), filename: 'later.pdf' }),
      doc({ id: 'z', uploadedAt: new Date('2026-03-01T00:00:00Z'), filename: 'floor price.pdf', visibility: 'own_side_and_mediator' }),
      doc({ id: 'a', uploadedAt: new Date('2026-03-01T00:00:00Z'), filename: 'first.pdf' }),
    ]);
    expect(plans.map((p) => [p.source.id, p.path])).toEqual([
      ['a', 'documents/001-first.pdf'],
      ['z', 'sealed/002.pdf'],
      ['b', 'documents/003-later.pdf'],
    ]);
  });

  it('seals confidential material for those who could see it before', () => {
    expect(documentSealing(doc())).toEqual({ sealed: false, visibleTo: null });
    expect(documentSealing(doc({ visibility: 'court' }))).toEqual({ sealed: false, visibleTo: null });
    expect(documentSealing(doc({ visibility: 'own_side_and_mediator', side: 'respondent' }))).toEqual({
      sealed: true,
      visibleTo: ['respondent', 'respondent_agent', 'mediator'],
    });
    expect(documentSealing(doc({ confidential: true, visibleTo: ['mediator'] }))).toEqual({ sealed: true, visibleTo: ['mediator'] });
    // A joint session's record: both sides and the mediator, never the court.
    expect(documentSealing(doc({ visibility: 'mediation_confidential' }))).toEqual({
      sealed: true,
      visibleTo: ['applicant', 'applicant_agent', 'respondent', 'respondent_agent', 'mediator'],
    });
    expect(eventSealing({ confidential: false })).toEqual({ sealed: false, visibleTo: null });
    expect(eventSealing({ confidential: true })).toEqual({
      sealed: true,
      visibleTo: ['applicant', 'applicant_agent', 'respondent', 'respondent_agent', 'mediator'],
    });
    expect(eventSealing({ confidential: true, visibleTo: ['mediator', 'applicant'] }).visibleTo).toEqual(['mediator', 'applicant']);
  });

  it('defines the manifest hash over the canonical JSON without the seal, whatever the key order', () => {
    const m = sealedManifest();
    const { seal: _seal, ...unsealed } = m;
    expect(m.seal.manifestHash).toBe(hashOf('sha256', canonicalJson(unsealed)));
    // The same manifest parsed back from its indented file, keys in another order, hashes alike.
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(m).reverse()))) as ArchiveManifest;
    expect(computeManifestHash(reordered)).toBe(m.seal.manifestHash);
    // The seal itself (and a time stamp in it) is outside the hash; every other member is in it.
    expect(computeManifestHash({ ...m, seal: { ...m.seal, manifestHash: '0'.repeat(64) } })).toBe(m.seal.manifestHash);
    expect(computeManifestHash({ ...m, archivedAt: '2026-04-01T00:00:00.001Z' })).not.toBe(m.seal.manifestHash);
    expect(computeManifestHash({ ...m, algorithm: 'sm3' })).toBe(hashOf('sm3', canonicalJson({ ...unsealed, algorithm: 'sm3' })));
  });

  it('writes events with the fields the chain hashes, in sequence order', () => {
    const i = input();
    const m = sealedManifest({ ...i, events: [...i.events].reverse() });
    expect(m.events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(m.events[0]).toEqual({
      sequence: 1,
      type: 'case.created',
      actorId: 'user-1',
      actorRole: 'mediator',
      occurredAt: '2026-03-02T02:00:00.000Z',
      payload: i.events[0].payload,
      prevHash: '0'.repeat(64),
      hash: i.events[0].hash,
      algorithm: 'sha256',
      sealed: false,
      visibleTo: null,
    });
    expect(m.eventChain).toEqual({ count: 4, lastHash: i.events[3].hash });
    expect(m.case).toMatchObject({ closedAt: i.events[3].occurredAt.toISOString(), submittedAt: null, foreignElement: true });
  });

  it('gives the same storage key for the same inputs and another for any change', () => {
    const i = input([doc(), doc({ id: 'd2', sha256: hashOf('sha256', 'y') })]);
    const fp = archiveFingerprint(i, 'sha256', ['zh-CN']);
    expect(archiveFingerprint({ ...i, documents: [...i.documents].reverse() }, 'sha256', ['zh-CN'])).toBe(fp);
    expect(archiveFingerprint(i, 'sm3', ['zh-CN'])).not.toBe(fp);
    expect(archiveFingerprint(i, 'sha256', ['zh-CN', 'en'])).not.toBe(fp);
    expect(archiveFingerprint({ ...i, documents: i.documents.slice(1) }, 'sha256', ['zh-CN'])).not.toBe(fp);
    expect(archiveFingerprint({ ...i, events: eventChain(5) }, 'sha256', ['zh-CN'])).not.toBe(fp);
    expect(archiveStorageKey(i.case.id, fp)).toBe(`archives/${i.case.id}/${fp.slice(0, 32)}.zip`);
    expect(() => archiveStorageKey(i.case.id, 'nope')).toThrow(/64 hex/);
  });

  it('refuses to archive what must not be sealed', () => {
    expect(() => assertArchivable(input())).not.toThrow();
    expect(() => assertArchivable(input([doc(), doc()]))).toThrow(/listed twice/);
    expect(() => assertArchivable(input([doc({ sha256: 'abc' })]))).toThrow(/no valid SHA-256/);
    expect(() => assertArchivable(input([doc({ size: -1 })]))).toThrow(/invalid size/);
    const i = input();
    expect(() => assertArchivable({ ...i, events: i.events.slice(1) })).toThrow(/broken at event 1 \(sequence\)/);
    expect(() => assertArchivable({ ...i, case: { ...i.case, outcome: '' } })).toThrow(/no outcome/);
  });
});

import type { PdfDocumentSpec } from '../infrastructure/pdf/pdf-document.model';
import { attestationDocument, confirmationApplicationDocument, rulingDocument, type AgreementFacts, type DocumentParty } from './confirmation-documents';
import { RejectionGround } from './confirmation-rules';

const parties: DocumentParty[] = [
  {
    name: '杭州甲科技有限公司',
    side: 'applicant',
    kind: 'organisation',
    idType: 'unified_social_credit_code',
    idNumber: '91330100MA2H3X4Y5Z',
    phone: '+8657188880000',
    email: 'jia@example.cn',
    legalRepresentative: '张三',
  },
  { name: 'Shenzhen B Electronics Co., Ltd.', side: 'respondent', kind: 'organisation', idType: 'unified_social_credit_code', idNumber: '91440300MA5XXXXX1A' },
];
const agreement: AgreementFacts = {
  version: 2,
  hashAlgorithm: 'sha256',
  hash: 'a'.repeat(64),
  effectiveOn: '2026-03-02',
  signedDocumentSha256: 'b'.repeat(64),
  result: 'B pays CNY 50,000 and stops selling.',
  schedule: [{ obligor: 'Shenzhen B Electronics Co., Ltd.', beneficiary: '杭州甲科技有限公司', money: { amount: '50000.00', currency: 'CNY' }, lastDay: '2026-03-12' }],
};
const text = (spec: PdfDocumentSpec): string => JSON.stringify(spec);
const mediator = { name: '李调解', organisation: '杭州知识产权调解中心' };

describe('confirmation documents', () => {
  it('the joint application lists every party with identity and contacts, the request, the schedule, each material with its hash, and every consent', () => {
    const spec = confirmationApplicationDocument(
      {
        documentId: 'ACC-1-CA',
        caseNumber: 'ACC-2026-000001',
        caseTitle: 'Trademark dispute',
        court: '杭州市西湖区人民法院',
        parties: parties.map((p, i) => ({ ...p, consentedAt: `2026-03-0${3 + i}T01:00:00.000Z`, consentedBy: `user ${i}` })),
        mediator,
        agreement,
        materials: [{ name: 'signed.pdf', role: 'signed_agreement', sha256: 'c'.repeat(64) }],
        lodgedAt: new Date('2026-03-04T02:00:00Z'),
      },
      'zh-CN',
    );
    expect(spec.title).toBe('司法确认申请书');
    for (const needle of [
      '杭州市西湖区人民法院',
      '统一社会信用代码：91330100MA2H3X4Y5Z',
      '+8657188880000',
      '请求确认申请人',
      '于2026年3月12日前',
      '人民币伍万元整（¥50,000.00）',
      'a'.repeat(64),
      '调解协议书',
      'signed.pdf',
      '不涉及物权、知识产权确权',
      '此致',
    ]) {
      expect(text(spec)).toContain(needle);
    }
    expect(spec.attestation?.signatories.map((s) => s.signedAt?.toISOString())).toEqual(['2026-03-03T01:00:00.000Z', '2026-03-04T01:00:00.000Z']);
  });

  it('the ruling confirms, or rejects naming the grounds and the explanation, in the language asked for', () => {
    const base = {
      documentId: 'N',
      court: '杭州市西湖区人民法院',
      docketNumber: '(2026)浙0106民特调确7号',
      parties,
      mediator,
      agreement,
      lodgedOn: '2026-03-04',
      docketedOn: '2026-03-05',
      judge: '王法官',
      clerk: '周敏',
      decidedAt: new Date('2026-03-10T02:00:00Z'),
    };
    const confirmed = rulingDocument({ ...base, outcome: 'confirmed' }, 'zh-CN');
    expect(confirmed).toMatchObject({ authority: '杭州市西湖区人民法院', title: '民事裁定书', subtitle: '(2026)浙0106民特调确7号' });
    // The closing block: judge, the date in Chinese numerals, the court's seal, the clerk.
    expect(confirmed.closing).toEqual({ signers: [{ role: '审判员', name: '王法官' }], date: '二〇二六年三月十日', seal: '（院印）', after: [{ role: '书记员', name: '周敏' }] });
    expect(text(confirmed)).not.toContain('unified_social_credit_code');
    expect(text(confirmed)).toContain('2026年3月4日');
    expect(text(confirmed)).toContain('调解协议有效');
    expect(text(confirmed)).toContain('申请执行');
    const rejected = rulingDocument({ ...base, outcome: 'rejected', grounds: [RejectionGround.ContentUnclear, RejectionGround.Other], explanation: 'No account is named.' }, 'en');
    expect(rejected.title).toBe('Civil Ruling');
    expect(text(rejected)).toContain('Its content is unclear; Other reasons it cannot be confirmed (No account is named)');
    expect(text(rejected)).toContain('The application for confirmation is rejected');
    expect(text(rejected)).not.toContain('is valid.');
  });

  it('the ruling names each organisation’s legal representative (C13), in either language', () => {
    const withReps = parties.map((p) => (p.side === 'respondent' ? { ...p, legalRepresentative: 'Li Qiang' } : p));
    const base = { documentId: 'N', court: '杭州市西湖区人民法院', docketNumber: '(2026)浙0106民特调确8号', parties: withReps, mediator, agreement, lodgedOn: '2026-03-04' };
    const more = { docketedOn: '2026-03-05', judge: '王法官', clerk: '周敏', decidedAt: new Date('2026-03-10T02:00:00Z'), outcome: 'confirmed' as const };
    const zh = text(rulingDocument({ ...base, ...more }, 'zh-CN'));
    expect(zh).toContain('法定代表人：张三');
    expect(zh).toContain('法定代表人：Li Qiang');
    const en = text(rulingDocument({ ...base, ...more }, 'en'));
    expect(en).toContain('Legal representative: 张三');
    expect(en).toContain('Legal representative: Li Qiang');
  });

  it('the attestation names the parties, the mediator, the hashes and the Convention, and a confirmation when there is one', () => {
    const spec = attestationDocument(
      {
        documentId: 'A',
        caseNumber: 'ACC-1',
        caseTitle: 'Licence dispute',
        parties,
        mediator,
        agreement,
        effectiveAt: new Date('2026-03-02T02:00:00Z'),
        issuedAt: new Date('2026-03-20T02:00:00Z'),
        confirmation: { court: '杭州市西湖区人民法院', docketNumber: '(2026)浙0106民特调确7号' },
      },
      'en',
    );
    expect(spec.title).toBe('Attestation of Mediated Settlement');
    for (const needle of ['Singapore Convention', 'a'.repeat(64), 'b'.repeat(64), 'Shenzhen B Electronics Co., Ltd.', '(2026)浙0106民特调确7号'])
      expect(text(spec)).toContain(needle);
    expect(spec.attestation?.signatories.map((s) => s.role)).toEqual(['Mediator', 'Institution']);
  });
});

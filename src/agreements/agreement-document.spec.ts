import { extractText, getDocumentProxy } from 'unpdf';
import { PartySide } from '../cases/entities/case-party.entity';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { agreementDocument, signedAgreementDocument, type SignedMeta } from './agreement-document';
import type { SettlementAgreementContent } from './agreement-model';
import { SignerRole } from './signatures';

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  // Line breaks fall wherever the layout puts them: compare the text as one run.
  return text.replace(/\s+/g, ' ');
}

const content = (language: 'zh-CN' | 'en'): SettlementAgreementContent => ({
  language,
  caseNumber: 'ACC-2026-000123',
  parties: [
    {
      partyId: 'pa',
      side: PartySide.Applicant,
      kind: 'organisation',
      name: '杭州甲科技有限公司',
      idType: 'unified_social_credit_code',
      idNumber: '91330100MA2XXXXXX1',
      legalRepresentative: '张三',
      agents: [{ name: '李律师', lawFirm: '浙江某某律师事务所' }],
    },
    { partyId: 'pr', side: PartySide.Respondent, kind: 'person', name: 'Wang Xiaoming', idType: 'passport', idNumber: 'E12345678', address: 'Shenzhen' },
  ],
  mediator: { userId: 'um', name: '赵调解员', organisation: '杭州知识产权调解中心' },
  facts: '被申请人销售的X200充电器落入申请人专利的保护范围。',
  disputedIssues: ['是否构成侵权', '赔偿数额'],
  result: '被申请人停止销售X200充电器并赔偿300,000元。',
  performance: {
    obligations: [
      {
        id: 'pay',
        kind: 'money',
        obligorSide: PartySide.Respondent,
        beneficiarySide: PartySide.Applicant,
        amount: '300000.00',
        currency: 'CNY',
        instalments: [
          { amount: '100000.00', due: { date: '2026-05-15' } },
          { amount: '200000.00', due: { date: '2026-06-15' } },
        ],
        description: '银行转账',
      },
      { id: 'stop', kind: 'act', obligorSide: PartySide.Respondent, beneficiarySide: PartySide.Applicant, act: '下架X200充电器链接', due: { daysAfterEffective: 5 } },
    ],
  },
  otherTerms: ['双方对本协议内容保密'],
  confirmsOwnership: false,
});

const FROZEN = new Date('2026-04-20T03:00:00Z');
const signed = (): SignedMeta => ({
  documentId: 'ACC-2026-000123-AGREEMENT-V2-SIGNED',
  version: 2,
  frozenAt: FROZEN,
  versionHash: 'ab'.repeat(32),
  hashAlgorithm: 'sha256',
  frozenDocumentSha256: 'cd'.repeat(32),
  effectiveAt: new Date('2026-04-21T08:30:00Z'),
  signatures: [
    {
      signerName: '张三',
      signerRole: SignerRole.Party,
      partyName: '杭州甲科技有限公司',
      signedAt: new Date('2026-04-20T09:00:00Z'),
      channel: 'sms',
      destination: '+86138****8000',
      digest: '01'.repeat(32),
    },
    {
      signerName: 'Jane Lawyer',
      signerRole: SignerRole.Agent,
      partyName: 'Wang Xiaoming',
      signedAt: new Date('2026-04-21T08:00:00Z'),
      channel: 'email',
      destination: 'j***@example.com',
      digest: '02'.repeat(32),
    },
    {
      signerName: '赵调解员',
      signerRole: SignerRole.Mediator,
      partyName: null,
      signedAt: new Date('2026-04-21T08:30:00Z'),
      channel: 'sms',
      destination: '+86139****0000',
      digest: '03'.repeat(32),
    },
  ],
});

describe('the settlement agreement document', () => {
  it('in Chinese: parties, facts, issues, result, schedule, other terms, the 确权 statement and signature lines', async () => {
    const spec = agreementDocument(content('zh-CN'), { documentId: 'ACC-2026-000123-AGREEMENT-V2', version: 2, frozenAt: FROZEN });
    const text = await textOf(await renderPdf(spec, 'zh-CN'));
    for (const part of [
      '调解协议书',
      '第 2 版',
      '申请人',
      '杭州甲科技有限公司',
      '统一社会信用代码',
      '91330100MA2XXXXXX1',
      '法定代表人',
      '委托代理人',
      '李律师（浙江某某律师事务所）',
      '护照',
      '一、纠纷的主要事实',
      '二、争议事项',
      '1．是否构成侵权',
      '三、调解结果',
      '四、履行方式、期限',
      '第 1 期 人民币壹拾万元整（¥100,000.00），于2026年5月15日前',
      '支付人民币叁拾万元整',
      '于本协议生效之日起 5 日内下架X200充电器链接',
      '五、其他约定',
      '本协议不涉及物权或知识产权确权',
      '赵调解员（杭州知识产权调解中心）',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('in English, with a 确权 agreement marked as not eligible for confirmation', async () => {
    const spec = agreementDocument({ ...content('en'), confirmsOwnership: true }, { documentId: 'D-1', version: 1, frozenAt: FROZEN });
    const text = await textOf(await renderPdf(spec, 'en'));
    for (const part of [
      'Settlement Agreement',
      'Version 1',
      'Applicant',
      'Respondent Wang Xiaoming',
      'Passport',
      '1. Main facts',
      '4. How and by when it is performed',
      'instalment 2: CNY 200,000.00, by 15 June 2026',
      'within 5 days after this agreement takes effect',
      'not eligible for judicial confirmation',
      'Signature',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('signed: the same text, then a signature page with each signer, capacity, time, authentication and digest, and the hashes', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = await textOf(await renderPdf(signedAgreementDocument(content(lang), signed()), lang, { timeZone: 'Asia/Shanghai' }));
      expect(text).toContain(lang === 'zh-CN' ? '电子签名页' : 'Signature page');
      expect(text).toContain(lang === 'zh-CN' ? '三、调解结果' : '3. Result of the mediation');
      for (const part of ['张三', 'Jane Lawyer', '赵调解员', 'ab'.repeat(32), 'cd'.repeat(32), '02'.repeat(32), 'j***@example.com']) expect(text).toContain(part);
      // Local time, named, as every time in the document: never UTC on one page and local on the next.
      expect(text).toContain(lang === 'zh-CN' ? '2026年4月21日 16:30:00（北京时间）' : '21 April 2026, 16:30:00 (Beijing time)');
      expect(text).not.toContain('UTC');
      // The closing block: the organisation, the date the agreement took effect, the seal area.
      expect(text).toContain(lang === 'zh-CN' ? '二〇二六年四月二十一日' : '21 April 2026');
      expect(text).toContain(lang === 'zh-CN' ? 'Wang Xiaoming的委托代理人' : 'Authorised agent of Wang Xiaoming');
    }
  });
});

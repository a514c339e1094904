import { extractText, getDocumentProxy } from 'unpdf';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { EffectiveRule } from './deemed-served';
import { noticeOfMediation, serviceCertificate } from './service-documents';
import { ServicePurpose, type ServiceRecord } from './service.entity';

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

const service = {
  id: '0b6c7f0e-5a4e-4f7e-9d59-3e2f1f0c0a01',
  caseId: 'c',
  purpose: ServicePurpose.NoticeOfMediation,
  documentId: '0b6c7f0e-5a4e-4f7e-9d59-3e2f1f0c0a02',
  documentSha256: 'ab'.repeat(32),
  partyId: 'p',
  recipientOrganisationId: null,
  nextAttemptAt: null,
  exhaustedAt: null,
  recipientUserId: 'u',
  recipientName: '深圳乙电子有限公司',
  channels: ['in_app', 'email'],
  addresses: [],
  notificationIds: [],
  linkExpiresAt: null,
  sentAt: new Date('2026-10-08T01:00:00.000Z'),
  readAt: new Date('2026-10-09T02:00:00.000Z'),
  readVia: 'link',
  readIp: '203.0.113.9',
  readUserAgent: 'Mail/1.0',
  actedAt: null,
  delivered: [{ channel: 'email', address: 'legal@yi.test', confirmed: false, deliveredAt: new Date('2026-10-08T01:00:05.000Z'), effectiveAt: null }],
  effectiveAt: new Date('2026-10-09T02:00:00.000Z'),
  effectiveRule: EffectiveRule.Read,
  effectiveChannel: null,
  certificateDocumentId: null,
  offlineAt: null,
  offlineBy: null,
  offlineReason: null,
  offlineMethod: null,
  offlineServedAt: null,
  createdAt: new Date('2026-10-08T01:00:00.000Z'),
} as ServiceRecord;

describe('service documents', () => {
  it('the certificate in Chinese lists the document, its hash, the channels and the real times, and no IP address', async () => {
    const pdf = await renderPdf(
      serviceCertificate(
        {
          certificateId: 'ACC-1-SC',
          service,
          caseNumber: 'ACC-2026-000001',
          documentName: '调解通知书.pdf',
          documentKind: 'notice_of_mediation',
          recipientAccount: 'legal@yi.test',
          issuedAt: new Date('2026-10-10T00:00:00Z'),
          timeZone: 'Asia/Shanghai',
        },
        'zh-CN',
      ),
      'zh-CN',
    );
    const text = await textOf(pdf);
    // Times in the platform's zone, to the second, named: sent, delivered, read (= effective).
    for (const expected of [
      '送达回证',
      '调解通知书（调解通知书.pdf）',
      'ab'.repeat(32),
      '2026年10月8日 09:00:00（北京时间）',
      '2026年10月8日 09:00:05（北京时间）',
      '2026年10月9日 10:00:00（北京时间）',
      '受送达人已查阅送达内容',
      '深圳乙电子有限公司',
      'legal@yi.test（未经受送达人确认）',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('203.0.113.9');
    // The service's and the document's internal ids are not printed.
    expect(text).not.toContain(service.id);
    expect(text).not.toContain(service.documentId);
  });

  it("prints the account an in-app service went to, never the account's internal id", async () => {
    const inApp = {
      ...service,
      delivered: [{ channel: 'in_app', address: '5f0c2a8e-1b7d-4c3e-9a6f-2d8b7e4c1a90', confirmed: true, deliveredAt: new Date('2026-10-08T01:00:00.000Z'), effectiveAt: null }],
    } as ServiceRecord;
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = await textOf(
        await renderPdf(
          serviceCertificate(
            {
              certificateId: 'ACC-1-SC',
              service: inApp,
              caseNumber: 'ACC-2026-000001',
              documentName: 'notice.pdf',
              recipientAccount: 'legal@yi.test',
              issuedAt: new Date('2026-10-10T00:00:00Z'),
            },
            lang,
          ),
          lang,
        ),
      );
      expect(text).toContain(lang === 'zh-CN' ? '平台账户 legal@yi.test' : 'platform account legal@yi.test');
      expect(text).not.toContain('5f0c2a8e');
    }
  });

  it.each(['zh-CN', 'en'] as const)('the notice of mediation renders in %s', async (lang) => {
    const pdf = await renderPdf(
      noticeOfMediation(
        {
          documentId: 'ACC-1-NOTICE',
          caseNumber: 'ACC-2026-000001',
          caseTitle: '专利侵权纠纷 Patent infringement',
          statement: '被申请人未经许可销售使用专利方法的无线充电器。',
          claims: [{ kind: 'monetary', amount: '500000.00', currency: 'CNY' }],
          applicants: ['杭州甲科技有限公司'],
          respondents: ['深圳乙电子有限公司'],
          mediatorName: '李娜',
          answerWorkingDays: 3,
          issuedAt: new Date('2026-10-08T01:00:00Z'),
        },
        lang,
      ),
      lang,
    );
    const text = await textOf(pdf);
    expect(text).toContain(lang === 'zh-CN' ? '调解通知书' : 'Notice of Mediation');
    expect(text).toContain('深圳乙电子有限公司');
  });
});

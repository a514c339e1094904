import { extractText, getDocumentProxy } from 'unpdf';
import { renderPdf } from '../../infrastructure/pdf/render-pdf';
import { sessionRecordDocument, type SessionRecordInput } from './session-record-document';
import { SessionKind } from './session-rules';

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

const input: SessionRecordInput = {
  documentId: 'ACC-2026-000001-SR-1',
  caseNumber: 'ACC-2026-000001',
  caseTitle: '专利侵权纠纷',
  kind: SessionKind.Caucus,
  side: 'respondent',
  startedAt: new Date('2026-10-08T02:00:00Z'),
  endedAt: new Date('2026-10-08T03:00:00Z'),
  mediatorName: '李调解',
  attendance: [
    { name: '深圳乙电子有限公司', side: 'respondent', agent: false, joinedAt: new Date('2026-10-08T02:01:00Z'), absent: false },
    { name: 'Lawyer B', side: 'respondent', agent: true, joinedAt: null, absent: true },
  ],
  text: '被申请人表示愿意在 30 万元以内和解。',
  revision: 2,
  recordHash: 'cd'.repeat(32),
  writtenAt: new Date('2026-10-08T04:00:00Z'),
  confirmations: [{ name: '深圳乙电子有限公司', confirmedAt: new Date('2026-10-08T05:00:00Z') }],
  frozenAt: new Date('2026-10-08T05:00:00Z'),
};
const ZONE = 'Asia/Shanghai';

describe('session record document', () => {
  it('the caucus record in Chinese has the side, attendance, text, hash and each confirmation', async () => {
    const text = await textOf(await renderPdf(sessionRecordDocument(input, 'zh-CN', ZONE), 'zh-CN'));
    for (const expected of [
      '背对背调解笔录',
      '被申请人方',
      '深圳乙电子有限公司',
      '缺席',
      '被申请人表示愿意在 30 万元以内和解。',
      'cd'.repeat(32),
      '李调解',
      '参加人',
      '委托代理人',
      '2026年10月8日 10:01（北京时间）',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('the joint record renders in English', async () => {
    const text = await textOf(await renderPdf(sessionRecordDocument({ ...input, kind: SessionKind.Joint, side: null }, 'en', ZONE), 'en'));
    for (const expected of [
      'Mediation Session Record',
      'joint session',
      'absent',
      'joined online 8 October 2026, 10:01 (Beijing time)',
      "(Respondent's",
      'confirmed online by the participants',
    ])
      expect(text).toContain(expected);
  });
});

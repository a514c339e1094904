import type { PdfBlock, PdfDocumentSpec } from '../infrastructure/pdf/pdf-document.model';
import { objectionDocument, summonsDocument, type ObjectionInput, type SummonsInput } from './court-procedure-documents';

const bj = (local: string): Date => new Date(`${local}+08:00`);
const text = (doc: PdfDocumentSpec): string =>
  [doc.authority, doc.title, doc.subtitle, ...doc.blocks.map((b: PdfBlock) => (b.kind === 'fields' ? b.rows.map((r) => `${r.label} ${r.value}`).join('\n') : b.text))].join('\n');

const summons: SummonsInput = {
  documentId: 'S-1',
  court: '杭州市西湖区人民法院',
  docketNumber: '(2026)浙0106民特调确12号',
  caseNumber: 'ACC-2026-000123',
  parties: ['甲科技有限公司', 'B Electronics Ltd'],
  attendAt: bj('2026-04-22T09:30:00'),
  place: '第三法庭',
  videoLink: null,
  note: null,
  issuedBy: '周敏',
  issuerIsJudge: false,
  issuedAt: bj('2026-04-20T10:00:00'),
  timeZone: 'Asia/Shanghai',
};

describe('the summons to attend (D21)', () => {
  it('names the court, the parties, when and where, and the consequence of not attending, in Chinese and English', () => {
    const zh = summonsDocument(summons, 'zh-CN');
    expect(zh).toMatchObject({ authority: '杭州市西湖区人民法院', title: '到场通知书', subtitle: '(2026)浙0106民特调确12号' });
    expect(text(zh)).toContain('甲科技有限公司、B Electronics Ltd：');
    expect(text(zh)).toContain('到场时间 2026年4月22日 09:30（北京时间）');
    expect(text(zh)).toContain('地点 第三法庭');
    expect(text(zh)).not.toContain('视频');
    expect(text(zh)).toContain('按撤回司法确认申请处理');
    expect(zh.closing).toMatchObject({ signers: [{ role: '书记员', name: '周敏' }], date: '二〇二六年四月二十日', seal: '（院印）' });
    const en = summonsDocument({ ...summons, place: null, videoLink: 'https://meet.court.example/7', issuerIsJudge: true }, 'en');
    expect(text(en)).toContain('By video (link) https://meet.court.example/7');
    expect(en.closing?.signers).toEqual([{ role: 'Judge', name: '周敏' }]);
  });
});

describe('the objection to a ruling (D23)', () => {
  const objection: ObjectionInput = {
    documentId: 'O-1',
    court: '杭州市西湖区人民法院',
    docketNumber: '(2026)浙0106民特调确12号',
    caseNumber: 'ACC-2026-000123',
    kind: 'third_party',
    objector: '赵六',
    filedBy: '赵六',
    interest: '协议处分的货物为本人所有',
    knewOn: '2026-05-01',
    text: '请求撤销该裁定。\n\n理由如下。',
    attachments: [],
    rulingOn: '2026-04-20',
    windowLastDay: '2026-11-02',
    filedAt: bj('2026-05-03T15:00:00'),
    timeZone: 'Asia/Shanghai',
  };

  it('states the objector and its interest, the ruling, the window, the request paragraph by paragraph, to the court', () => {
    const zh = objectionDocument(objection, 'zh-CN');
    const all = text(zh);
    expect(zh.title).toBe('异议申请书');
    expect(all).toContain('异议人 赵六（利害关系人）');
    expect(all).toContain('所异议的裁定 (2026)浙0106民特调确12号（2026年4月20日作出）');
    expect(all).toContain('与本案的利害关系 协议处分的货物为本人所有');
    expect(all).toContain('异议期限最后一日 2026年11月2日');
    expect(zh.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text)).toEqual(['请求撤销该裁定。', '理由如下。', '此致\n杭州市西湖区人民法院']);
    expect(all).not.toContain('提交人');
  });

  it('names the agent who filed a party’s objection, and the documents attached', () => {
    const all = text(
      objectionDocument({ ...objection, kind: 'party', objector: '甲科技有限公司', filedBy: 'Li Lawyer', interest: null, knewOn: null, attachments: ['a.pdf', 'b.pdf'] }, 'en'),
    );
    expect(all).toContain('Objector 甲科技有限公司 (party)');
    expect(all).toContain('Filed by Li Lawyer');
    expect(all).toContain('Attached a.pdf, b.pdf');
    expect(all).not.toContain('Interest in the case');
  });
});

import { Workbook } from 'exceljs';
import { SHEET_COLUMNS } from '../../src/court-referrals/referral-sheet';

export type Row = Record<string, string>;
export type Lang = 'zh-CN' | 'en';

/** A complete row, as a clerk fills in the template (terms in Chinese, as a Chinese court writes them). */
export const goodRow = (tag: string, i: number): Row => ({
  referralNumber: `(2026)浙01民诉前调${tag}-${i}号`,
  referralType: i % 3 === 0 ? '立案后委托调解（简易程序）' : '诉前委派调解',
  title: `甲公司诉乙公司专利侵权纠纷 ${i}`,
  disputeType: '发明专利纠纷',
  statement: '被申请人未经许可制造、销售使用申请人专利方法的无线充电器，请求停止侵权并赔偿损失。',
  claimKind: i % 2 ? '金钱给付' : 'monetary',
  claimAmount: `${1000 + i}.00`,
  claimCurrency: 'CNY',
  claimDescription: '',
  ipRightKind: '发明专利',
  ipRightNumber: `ZL2023100${String(i).padStart(5, '0')}.6`,
  ipRightJurisdiction: 'CN',
  applicantKind: '单位',
  applicantName: '杭州甲科技有限公司',
  applicantLegalRepresentative: '张伟',
  applicantIdType: '统一社会信用代码',
  applicantIdNumber: '91330100MA2H3X4Y5Z',
  applicantPhone: '+8657188880000',
  applicantEmail: `applicant-${tag}-${i}@test.accord`,
  applicantConsent: '是',
  respondentKind: '单位',
  respondentName: '深圳乙电子有限公司',
  respondentLegalRepresentative: '李强',
  respondentPhone: '',
  respondentEmail: `respondent-${tag}-${i}@test.accord`,
  respondentAddress: '',
});

export async function sheet(rows: Row[], format: 'xlsx' | 'csv', lang: Lang): Promise<Buffer> {
  const workbook = new Workbook();
  const ws = workbook.addWorksheet('sheet');
  ws.addRow(SHEET_COLUMNS.map((c) => c.header[lang]));
  for (const r of rows) ws.addRow(SHEET_COLUMNS.map((c) => r[c.key] ?? ''));
  return Buffer.from(format === 'xlsx' ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer());
}

import type { PdfField } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';

/**
 * One-page PDFs standing for what parties upload in the demo (a patent certificate, a bank slip,
 * a destruction record), so the demo case file reads like a real one. Each says it is demo
 * material: nothing here imitates a real authority's document closely enough to pass as one.
 */

export interface DemoEvidence {
  title: string;
  issuer: string;
  rows: PdfField[];
  note?: string;
}

const DEMO_NOTE = '本件为演示材料，不是真实文件。 Demo material, not a real document.';

export const DEMO_EVIDENCE = {
  patentCertificate: {
    title: '发明专利证书（演示）',
    issuer: '专利权人提交的证据材料',
    rows: [
      { label: '发明名称', value: '一种无线充电线圈对准方法' },
      { label: '专利号', value: 'ZL202310012345.6' },
      { label: '专利申请日', value: '2023年1月5日' },
      { label: '授权公告日', value: '2024年6月18日' },
      { label: '专利权人', value: '杭州甲科技有限公司' },
      { label: '发明人', value: '张伟；陈晓' },
    ],
    note: '本发明经审查，符合专利法规定的授权条件，决定授予专利权，颁发发明专利证书并在专利登记簿上予以登记。专利权自授权公告之日起生效，期限为二十年，自申请日起算。',
  },
  bankSlip: {
    title: '银行电子回单（演示）',
    issuer: '招商银行 网上银行',
    rows: [
      { label: '付款人', value: '深圳乙电子有限公司' },
      { label: '付款账号', value: '7559 **** **** 2188' },
      { label: '收款人', value: '杭州甲科技有限公司' },
      { label: '收款账号', value: '5719 **** **** 4567' },
      { label: '金额', value: '人民币伍万元整（¥50,000.00）' },
      { label: '用途', value: '调解协议约定赔偿款' },
      { label: '交易时间', value: '2026年12月3日 10:24' },
    ],
  },
  mouldDestruction: {
    title: '模具销毁记录（演示）',
    issuer: '深圳乙电子有限公司 生产部',
    rows: [
      { label: '销毁对象', value: 'P10 型移动电源外壳注塑模具 2 套' },
      { label: '销毁方式', value: '切割后交由废旧金属回收单位处理' },
      { label: '销毁地点', value: '广东省深圳市宝安区福永街道工业园 3 号厂房' },
      { label: '见证人', value: '杭州甲科技有限公司 赵磊（视频见证）' },
    ],
  },
  newPackaging: {
    title: '新包装照片及说明（演示）',
    issuer: '深圳乙电子有限公司 市场部',
    rows: [
      { label: '产品', value: '20W 快充充电器' },
      { label: '更换内容', value: '包装主色由橙色改为灰色，删除与“甲”品牌近似的图形' },
      { label: '更换范围', value: '全部在售库存及电商平台商品主图' },
    ],
  },
} as const satisfies Record<string, DemoEvidence>;

export async function demoEvidencePdf(e: DemoEvidence, createdAt: Date): Promise<Buffer> {
  return renderPdf(
    {
      documentId: 'DEMO',
      title: e.title,
      issuer: e.issuer,
      createdAt,
      blocks: [{ kind: 'fields', rows: e.rows }, ...(e.note ? [{ kind: 'paragraph' as const, text: e.note }] : []), { kind: 'note', text: DEMO_NOTE }],
    },
    'zh-CN',
  );
}

import type { FieldError } from '../common/errors/problem';
import type { Bilingual, DocumentLanguage } from '../common/documents-i18n/language';
import type { ClaimKind, PersonKind } from '../terms/terms';
import { DISPUTE_TYPE_TERMS, ID_TYPE_TERMS, IP_RIGHT_TERMS, REFERRAL_TERMS } from '../terms/terms';

/**
 * The bulk-referral spreadsheet: one referred case per row, with one claim, one IP right, the
 * applicant and one respondent (a case with more is referred one at a time, or completed at
 * intake). Headers are in Chinese or English — either is read, whichever template was used —
 * and coded values (referral type, dispute type…) may be written as the code or as the term
 * of either language, as the template's notes list them.
 */

type Catalogue = Readonly<Record<string, Bilingual>>;

const YES_NO: Catalogue = { yes: { 'zh-CN': '是', en: 'Yes' }, no: { 'zh-CN': '否', en: 'No' } };

// A cell's words, shorter than the documents' phrasing of the same codes (CLAIM_KIND_TERMS reads "请求支付…").
const CLAIM_KINDS: Readonly<Record<ClaimKind, Bilingual>> = {
  monetary: { 'zh-CN': '金钱给付', en: 'Payment of money' },
  stop_infringement: { 'zh-CN': '停止侵权', en: 'Stop the infringement' },
  delist: { 'zh-CN': '删除、下架', en: 'Take down listings' },
  assign: { 'zh-CN': '转让权利', en: 'Assign the right' },
  licence: { 'zh-CN': '许可使用', en: 'Grant a licence' },
  apology: { 'zh-CN': '赔礼道歉', en: 'Apology' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

const PERSON_KINDS: Readonly<Record<PersonKind, Bilingual>> = {
  person: { 'zh-CN': '自然人', en: 'Person' },
  organisation: { 'zh-CN': '单位', en: 'Organisation' },
};

export interface SheetColumn {
  key: string;
  header: Bilingual;
  /** Where the value lands in the referral request (CreateReferralRequest), for mapping its errors back. */
  paths: string[];
  /** A coded value: the codes and their terms. */
  values?: Catalogue;
  /** A short hint for the template's notes. */
  note?: Bilingual;
}

const col = (key: string, zh: string, en: string, paths: string[], extra: Partial<SheetColumn> = {}): SheetColumn => ({
  key,
  header: { 'zh-CN': zh, en },
  paths,
  ...extra,
});

const LEGAL_REPRESENTATIVE_NOTE: Bilingual = { 'zh-CN': '单位必填，个人留空', en: 'Required for an organisation; blank for a person' };

export const SHEET_COLUMNS: readonly SheetColumn[] = [
  col('referralNumber', '法院委派（委托）编号', 'Court referral number', ['referralNumber'], {
    note: { 'zh-CN': '本院编号，每案唯一，如 (2026)浙01民诉前调1234号', en: "The court's own number, one per case, e.g. (2026)浙01民诉前调1234号" },
  }),
  col('referralType', '委派类型', 'Referral type', ['referralType'], { values: REFERRAL_TERMS }),
  col('title', '案件名称', 'Case title', ['title']),
  col('disputeType', '纠纷类型', 'Dispute type', ['disputeType'], { values: DISPUTE_TYPE_TERMS }),
  col('statement', '案情简述', 'Statement of facts', ['statement'], { note: { 'zh-CN': '至少 20 个字', en: 'At least 20 characters' } }),
  col('claimKind', '请求类型', 'Claim type', ['claims', 'claims.0', 'claims.0.kind'], { values: CLAIM_KINDS }),
  col('claimAmount', '请求金额', 'Claim amount', ['claims.0.amount'], { note: { 'zh-CN': '金钱请求必填，如 120000.00', en: 'Required for a monetary claim, e.g. 120000.00' } }),
  col('claimCurrency', '币种', 'Currency', ['claims.0.currency'], { note: { 'zh-CN': '金钱请求必填，如 CNY', en: 'Required for a monetary claim, e.g. CNY' } }),
  col('claimDescription', '请求内容', 'Claim description', ['claims.0.description'], { note: { 'zh-CN': '非金钱请求必填', en: 'Required for a non-monetary claim' } }),
  col('ipRightKind', '知识产权类型', 'IP right type', ['ipRights', 'ipRights.0', 'ipRights.0.kind'], {
    values: IP_RIGHT_TERMS,
    note: { 'zh-CN': '知识产权纠纷必填', en: 'Required for an IP dispute' },
  }),
  col('ipRightNumber', '权利编号', 'IP right number', ['ipRights.0.number']),
  col('ipRightJurisdiction', '授权国家或地区', 'IP right jurisdiction', ['ipRights.0.jurisdiction'], { note: { 'zh-CN': '两位字母代码，如 CN', en: 'Two-letter code, e.g. CN' } }),
  col('applicantKind', '申请人类型', 'Applicant type', ['applicant', 'applicant.kind'], {
    values: PERSON_KINDS,
    note: { 'zh-CN': '个人或单位；空白视为单位', en: 'Person or organisation; blank means organisation' },
  }),
  col('applicantName', '申请人名称', 'Applicant name', ['applicant.name']),
  col('applicantLegalRepresentative', '申请人法定代表人', 'Applicant legal representative', ['applicant.legalRepresentative'], { note: LEGAL_REPRESENTATIVE_NOTE }),
  col('applicantIdType', '申请人证件类型', 'Applicant ID type', ['applicant.idType'], { values: ID_TYPE_TERMS }),
  col('applicantIdNumber', '申请人证件号码', 'Applicant ID number', ['applicant.idNumber']),
  col('applicantPhone', '申请人电话', 'Applicant phone', ['applicant.phone'], { note: { 'zh-CN': '如 +8613800138000', en: 'e.g. +8613800138000' } }),
  col('applicantEmail', '申请人电子送达邮箱', 'Applicant e-service e-mail', ['applicant.email']),
  col('applicantDomicile', '申请人住所地行政区划代码', 'Applicant domicile (division code)', ['applicant.domicileRegion'], {
    note: { 'zh-CN': '六位行政区划代码，如 330106；用于选择司法确认法院', en: 'Six-digit division code, e.g. 330106; places the court for confirmation' },
  }),
  col(
    'applicantConsent',
    '申请人同意在线调解及电子送达',
    'Applicant consents to online mediation and e-service',
    ['applicant.consentOnline', 'applicant.consentEService', 'applicant.eServiceBasis'],
    { values: YES_NO },
  ),
  col('respondentKind', '被申请人类型', 'Respondent type', ['respondents', 'respondents.0', 'respondents.0.kind'], {
    values: PERSON_KINDS,
    note: { 'zh-CN': '个人或单位；空白视为单位', en: 'Person or organisation; blank means organisation' },
  }),
  col('respondentName', '被申请人名称', 'Respondent name', ['respondents.0.name']),
  col('respondentLegalRepresentative', '被申请人法定代表人', 'Respondent legal representative', ['respondents.0.legalRepresentative'], { note: LEGAL_REPRESENTATIVE_NOTE }),
  col('respondentPhone', '被申请人电话', 'Respondent phone', ['respondents.0.phone'], {
    note: { 'zh-CN': '电话、邮箱、地址至少填一项', en: 'Phone, e-mail or address: at least one' },
  }),
  col('respondentEmail', '被申请人邮箱', 'Respondent e-mail', ['respondents.0.email']),
  col('respondentAddress', '被申请人地址', 'Respondent address', ['respondents.0.address']),
  col('respondentDomicile', '被申请人住所地行政区划代码', 'Respondent domicile (division code)', ['respondents.0.domicileRegion'], {
    note: { 'zh-CN': '六位行政区划代码，如 440304；用于选择司法确认法院', en: 'Six-digit division code, e.g. 440304; places the court for confirmation' },
  }),
];

/** Columns a sheet must have (the others may be left out altogether). */
export const REQUIRED_COLUMNS = ['referralNumber', 'referralType', 'title', 'disputeType', 'statement', 'claimKind', 'applicantName', 'respondentName'];

const BY_KEY = new Map(SHEET_COLUMNS.map((c) => [c.key, c]));
const BY_PATH = new Map(SHEET_COLUMNS.flatMap((c) => c.paths.map((p) => [p, c.key] as const)));

const normal = (s: string): string =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

/** A header cell's column, in either language; undefined for a column the sheet does not know. */
export function columnOfHeader(header: string): string | undefined {
  const h = normal(header);
  if (!h) return undefined;
  return SHEET_COLUMNS.find((c) => normal(c.header['zh-CN']) === h || normal(c.header.en) === h || normal(c.key) === h)?.key;
}

export function headerOf(key: string, lang: DocumentLanguage): string {
  return BY_KEY.get(key)?.header[lang] ?? key;
}

/** A coded cell's code: the code itself or its term in either language; undefined when it is neither. */
export function codeOf(values: Catalogue, cell: string): string | undefined {
  const v = normal(cell);
  return Object.entries(values).find(([code, terms]) => normal(code) === v || normal(terms['zh-CN']) === v || normal(terms.en) === v)?.[0];
}

/** The sheet's column from a field path of the referral request (`claims.0.amount` → claimAmount). */
export function columnOfField(field: string): string | undefined {
  for (let path = field; path; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
    const key = BY_PATH.get(path);
    if (key) return key;
  }
  return undefined;
}

/**
 * The column a missing item of `missingForSubmission` (src/intake/application-completeness.ts)
 * is about, so the clerk sees which cell to fill. Its unit test runs every item.
 */
export function columnOfMissing(item: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/identity document/, 'applicantIdNumber'],
    [/applicant's phone/, 'applicantPhone'],
    [/electronic-service address/, 'applicantEmail'],
    [/consent to/, 'applicantConsent'],
    [/^the applicant$/, 'applicantName'],
    [/statement of facts/, 'statement'],
    [/at least one claim/, 'claimKind'],
    [/at least one respondent/, 'respondentName'],
    [/a way to reach respondent/, 'respondentPhone'],
    [/intellectual-property right/, 'ipRightKind'],
  ];
  return rules.find(([pattern]) => pattern.test(item))?.[1];
}

export interface RowError {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  /** The column's key; null for the row as a whole. */
  column: string | null;
  message: string;
}

/**
 * One data row (cells by column key, already text) as a referral request, and the errors of
 * the coded cells that are no code or term. The request is then validated like POST /referrals.
 */
export function requestOfRow(cells: Readonly<Record<string, string>>, lang: DocumentLanguage): { request: Record<string, unknown>; errors: Omit<RowError, 'row'>[] } {
  const errors: Omit<RowError, 'row'>[] = [];
  const text = (key: string): string | undefined => {
    const v = cells[key]?.trim();
    return v ? v : undefined;
  };
  const coded = (key: string): string | undefined => {
    const raw = text(key);
    if (raw === undefined) return undefined;
    const column = BY_KEY.get(key)!;
    const code = codeOf(column.values!, raw);
    if (code === undefined) {
      const allowed = Object.values(column.values!)
        .map((t) => t[lang])
        .join(lang === 'zh-CN' ? '、' : ', ');
      errors.push({ column: key, message: lang === 'zh-CN' ? `“${raw}”不是可选值，应为：${allowed}` : `"${raw}" is not one of: ${allowed}` });
    }
    return code;
  };
  const drop = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

  const claimKind = coded('claimKind');
  const ipKind = coded('ipRightKind');
  const consent = coded('applicantConsent');
  const respondentName = text('respondentName');
  const request = drop({
    referralNumber: text('referralNumber'),
    referralType: coded('referralType'),
    title: text('title'),
    disputeType: coded('disputeType'),
    statement: text('statement'),
    claims: claimKind ? [drop({ kind: claimKind, amount: text('claimAmount'), currency: text('claimCurrency')?.toUpperCase(), description: text('claimDescription') })] : [],
    ipRights: ipKind ? [drop({ kind: ipKind, number: text('ipRightNumber'), jurisdiction: text('ipRightJurisdiction')?.toUpperCase() })] : [],
    applicant: drop({
      kind: coded('applicantKind') ?? 'organisation',
      name: text('applicantName'),
      legalRepresentative: text('applicantLegalRepresentative'),
      idType: coded('applicantIdType'),
      idNumber: text('applicantIdNumber'),
      phone: text('applicantPhone'),
      email: text('applicantEmail')?.toLowerCase(),
      domicileRegion: text('applicantDomicile'),
      consentOnline: consent === 'yes' ? true : undefined,
      consentEService: consent === 'yes' ? true : undefined,
      // Recorded by the court with the referral: the party's express consent.
      eServiceBasis: consent === 'yes' ? 'express' : undefined,
    }),
    respondents: respondentName
      ? [
          drop({
            kind: coded('respondentKind') ?? 'organisation',
            name: respondentName,
            legalRepresentative: text('respondentLegalRepresentative'),
            phone: text('respondentPhone'),
            email: text('respondentEmail')?.toLowerCase(),
            address: text('respondentAddress'),
            domicileRegion: text('respondentDomicile'),
          }),
        ]
      : [],
  });
  return { request, errors };
}

/** Field errors of the request (class-validator's) as errors of the sheet's cells. */
export function cellErrorsOf(fieldErrors: readonly FieldError[]): Omit<RowError, 'row'>[] {
  return fieldErrors.map((e) => ({ column: columnOfField(e.field) ?? null, message: e.message }));
}

/** The template's notes: each column, what it takes. */
export function templateNotes(lang: DocumentLanguage): { header: string; allowed: string; note: string; required: boolean }[] {
  return SHEET_COLUMNS.map((c) => ({
    header: c.header[lang],
    allowed: c.values
      ? Object.values(c.values)
          .map((t) => t[lang])
          .join(lang === 'zh-CN' ? '、' : '; ')
      : '',
    note: c.note?.[lang] ?? '',
    required: REQUIRED_COLUMNS.includes(c.key),
  }));
}

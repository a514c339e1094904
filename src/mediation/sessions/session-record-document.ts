import { CASE_ROLE_TERMS, formatDateTime, SIDE_TERMS } from '../../common/documents-i18n';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import type { PdfDocumentSpec, PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { ISSUER } from '../../service-of-process/service-documents';
import { SessionKind } from './session-rules';

export interface SessionRecordInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  kind: SessionKind;
  side: 'applicant' | 'respondent' | null;
  startedAt: Date | null;
  endedAt: Date | null;
  mediatorName: string;
  attendance: { name: string; side: 'applicant' | 'respondent'; agent: boolean; joinedAt: Date | null; absent: boolean }[];
  text: string;
  revision: number;
  recordHash: string;
  writtenAt: Date;
  confirmations: { name: string; confirmedAt: Date }[];
  frozenAt: Date;
}

const SIDE: Record<PdfLanguage, Record<'applicant' | 'respondent', string>> = {
  'zh-CN': { applicant: '申请人方', respondent: '被申请人方' },
  en: { applicant: 'applicant side', respondent: 'respondent side' },
};

/**
 * The frozen record of a session (调解笔录): who attended, what the mediator recorded, and each
 * participant's online confirmation, which makes it equal to a signed paper record
 * (docs/procedural-rules.md B11; OMR 22, OLR 34). Pure.
 */
export function sessionRecordDocument(input: SessionRecordInput, lang: PdfLanguage, timeZone: string): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const caucus = input.kind === SessionKind.Caucus;
  const title = caucus ? (zh ? '背对背调解笔录' : 'Caucus Record') : zh ? '调解笔录' : 'Mediation Session Record';
  const at = (d: Date | null): string => (d ? formatDateTime(d, lang, timeZone) : '—');
  const roleOf = (a: SessionRecordInput['attendance'][number]): string =>
    a.agent ? CASE_ROLE_TERMS[a.side === 'applicant' ? CaseRole.ApplicantAgent : CaseRole.RespondentAgent][lang] : SIDE_TERMS[a.side][lang];
  return {
    documentId: input.documentId,
    title,
    subtitle: `${input.caseNumber}${caucus && input.side ? ` · ${SIDE[lang][input.side]}` : ''}`,
    issuer: ISSUER[lang],
    createdAt: input.frozenAt,
    keywords: [zh ? '调解笔录' : 'session record', input.caseNumber, zh ? '保密' : 'confidential'],
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: zh ? '案号' : 'Case number', value: input.caseNumber },
          { label: zh ? '案由' : 'Case', value: input.caseTitle },
          { label: zh ? '形式' : 'Session', value: caucus ? (zh ? `背对背（仅调解员与${SIDE[lang][input.side ?? 'applicant']}）` : `caucus (the mediator and the ${SIDE[lang][input.side ?? 'applicant']} only)`) : zh ? '联席调解' : 'joint session' },
          { label: zh ? '开始' : 'Started', value: at(input.startedAt) },
          { label: zh ? '结束' : 'Ended', value: at(input.endedAt) },
          { label: zh ? '调解员' : 'Mediator', value: input.mediatorName },
        ],
      },
      { kind: 'heading', text: zh ? '到场情况' : 'Attendance' },
      {
        kind: 'fields',
        rows: input.attendance.map((a) => ({
          label: zh ? `${a.name}（${roleOf(a)}）` : `${a.name} (${roleOf(a)})`,
          value: a.joinedAt ? `${zh ? '在线参加' : 'joined online'} ${at(a.joinedAt)}` : a.absent ? (zh ? '缺席' : 'absent') : zh ? '未参加' : 'did not join',
        })),
      },
      { kind: 'heading', text: zh ? '笔录内容' : 'Record' },
      { kind: 'paragraph', text: input.text },
      {
        kind: 'fields',
        rows: [
          { label: zh ? '版本' : 'Revision', value: String(input.revision) },
          { label: zh ? '笔录哈希（SHA-256）' : 'Record hash (SHA-256)', value: input.recordHash, code: true },
          { label: zh ? '保密' : 'Confidentiality', value: zh ? '调解内容保密，不向法院或他人提供（调解协议内容除外）' : 'Mediation content: confidential, never given to the court or others (except what the signed agreement says)' },
        ],
      },
    ],
    attestation: {
      statement: zh
        ? '本笔录由调解员制作，经下列参加人在线确认，与书面笔录具有同等效力。'
        : 'This record was made by the mediator and confirmed online by the participants below; it has the same effect as a signed paper record.',
      signatories: [
        { role: zh ? '调解员' : 'Mediator', name: input.mediatorName, signedAt: input.writtenAt },
        ...input.confirmations.map((c) => ({ role: zh ? '参加人' : 'Participant', name: c.name, signedAt: c.confirmedAt })),
      ],
    },
  };
}

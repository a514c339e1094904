import { formatDateTime, PUNCTUATION, type Bilingual } from '../../common/documents-i18n';
import { CASE_ROLE_TERMS, SIDE_TERMS } from '../../terms/terms';
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

interface Words {
  title: Record<SessionKind, string>;
  side: Record<'applicant' | 'respondent', string>;
  caseNumber: string;
  matter: string;
  session: string;
  joint: string;
  caucus: (side: string) => string;
  started: string;
  ended: string;
  mediator: string;
  attendance: string;
  joined: (at: string) => string;
  absent: string;
  didNotJoin: string;
  record: string;
  revision: string;
  hash: string;
  confidentiality: string;
  confidential: string;
  keywords: string[];
  statement: string;
  participant: string;
}

const SIDE: Record<'applicant' | 'respondent', Bilingual> = {
  applicant: { 'zh-CN': '申请人方', en: 'applicant side' },
  respondent: { 'zh-CN': '被申请人方', en: 'respondent side' },
};

const WORDS: Record<PdfLanguage, Words> = {
  'zh-CN': {
    title: { [SessionKind.Joint]: '调解笔录', [SessionKind.Caucus]: '背对背调解笔录' },
    side: { applicant: SIDE.applicant['zh-CN'], respondent: SIDE.respondent['zh-CN'] },
    caseNumber: '案号',
    matter: '案由',
    session: '形式',
    joint: '联席调解',
    caucus: (side) => `背对背（仅调解员与${side}）`,
    started: '开始',
    ended: '结束',
    mediator: '调解员',
    attendance: '到场情况',
    joined: (at) => `在线参加 ${at}`,
    absent: '缺席',
    didNotJoin: '未参加',
    record: '笔录内容',
    revision: '版本',
    hash: '笔录哈希（SHA-256）',
    confidentiality: '保密',
    confidential: '调解内容保密，不向法院或他人提供（调解协议内容除外）',
    keywords: ['调解笔录', '保密'],
    statement: '本笔录由调解员制作，经下列参加人在线确认，与书面笔录具有同等效力。',
    participant: '参加人',
  },
  en: {
    title: { [SessionKind.Joint]: 'Mediation Session Record', [SessionKind.Caucus]: 'Caucus Record' },
    side: { applicant: SIDE.applicant.en, respondent: SIDE.respondent.en },
    caseNumber: 'Case number',
    matter: 'Case',
    session: 'Session',
    joint: 'joint session',
    caucus: (side) => `caucus (the mediator and the ${side} only)`,
    started: 'Started',
    ended: 'Ended',
    mediator: 'Mediator',
    attendance: 'Attendance',
    joined: (at) => `joined online ${at}`,
    absent: 'absent',
    didNotJoin: 'did not join',
    record: 'Record',
    revision: 'Revision',
    hash: 'Record hash (SHA-256)',
    confidentiality: 'Confidentiality',
    confidential: 'Mediation content: confidential, never given to the court or others (except what the signed agreement says)',
    keywords: ['session record', 'confidential'],
    statement: 'This record was made by the mediator and confirmed online by the participants below; it has the same effect as a signed paper record.',
    participant: 'Participant',
  },
};

/**
 * The frozen record of a session (调解笔录): who attended, what the mediator recorded, and each
 * participant's online confirmation, which makes it equal to a signed paper record
 * (docs/procedural-rules.md B11; OMR 22, OLR 34). Pure.
 */
export function sessionRecordDocument(input: SessionRecordInput, lang: PdfLanguage, timeZone: string): PdfDocumentSpec {
  const w = WORDS[lang];
  const p = PUNCTUATION[lang];
  const caucus = input.kind === SessionKind.Caucus;
  const at = (d: Date | null): string => (d ? formatDateTime(d, lang, timeZone) : '—');
  const roleOf = (a: SessionRecordInput['attendance'][number]): string =>
    a.agent ? CASE_ROLE_TERMS[a.side === 'applicant' ? CaseRole.ApplicantAgent : CaseRole.RespondentAgent][lang] : SIDE_TERMS[a.side][lang];
  return {
    documentId: input.documentId,
    title: w.title[input.kind],
    subtitle: `${input.caseNumber}${caucus && input.side ? ` · ${w.side[input.side]}` : ''}`,
    issuer: ISSUER[lang],
    createdAt: input.frozenAt,
    keywords: [...w.keywords, input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: w.caseNumber, value: input.caseNumber },
          { label: w.matter, value: input.caseTitle },
          { label: w.session, value: caucus ? w.caucus(w.side[input.side ?? 'applicant']) : w.joint },
          { label: w.started, value: at(input.startedAt) },
          { label: w.ended, value: at(input.endedAt) },
          { label: w.mediator, value: input.mediatorName },
        ],
      },
      { kind: 'heading', text: w.attendance },
      {
        kind: 'fields',
        rows: input.attendance.map((a) => ({
          label: p.aside(a.name, roleOf(a)),
          value: a.joinedAt ? w.joined(at(a.joinedAt)) : a.absent ? w.absent : w.didNotJoin,
        })),
      },
      { kind: 'heading', text: w.record },
      { kind: 'paragraph', text: input.text },
      {
        kind: 'fields',
        rows: [
          { label: w.revision, value: String(input.revision) },
          { label: w.hash, value: input.recordHash, code: true },
          { label: w.confidentiality, value: w.confidential },
        ],
      },
    ],
    attestation: {
      statement: w.statement,
      signatories: [
        { role: w.mediator, name: input.mediatorName, signedAt: input.writtenAt },
        ...input.confirmations.map((c) => ({ role: w.participant, name: c.name, signedAt: c.confirmedAt })),
      ],
    },
  };
}

import { formatDateTime } from '../../common/documents-i18n';
import { CASE_ROLE_TERMS, term } from '../../terms/terms';
import { channelSide, MediationChannel } from './channels';

export interface TranscriptMessage {
  seq: number;
  authorName: string;
  authorRole: string;
  text: string;
  attachments: { id: string; filename: string }[];
  createdAt: Date;
}

const AUDIENCE: Record<string, string> = {
  joint: '双方当事人、代理人及调解员 / both sides, their agents and the mediator',
  applicant: '申请人方及调解员 / the applicant side and the mediator only',
  respondent: '被申请人方及调解员 / the respondent side and the mediator only',
};

const CHANNEL: Record<MediationChannel, string> = {
  [MediationChannel.Joint]: '联席频道 / joint channel',
  [MediationChannel.ApplicantCaucus]: '申请人方背对背频道 / applicant caucus',
  [MediationChannel.RespondentCaucus]: '被申请人方背对背频道 / respondent caucus',
};

/**
 * A channel's messages as a plain UTF-8 text file for the case file: filed when the case closes,
 * in the channel's confidentiality tier, so the archive seals it for the channel's members only.
 * Plain text, not a PDF, so that no character anyone typed can stop a case from closing. Pure.
 */
export function channelTranscript(input: { caseNumber: string; channel: MediationChannel; closedAt: Date; timeZone: string; messages: readonly TranscriptMessage[] }): string {
  const at = (d: Date): string => formatDateTime(d, 'zh-CN', input.timeZone, { seconds: true });
  const role = (r: string): string => `${term(CASE_ROLE_TERMS, r, 'zh-CN')} / ${term(CASE_ROLE_TERMS, r, 'en')}`;
  const lines = [
    '调解室消息记录 / Mediation room transcript',
    `案号 / Case: ${input.caseNumber}`,
    `频道 / Channel: ${CHANNEL[input.channel]}`,
    `可见范围 / Visible to: ${AUDIENCE[channelSide(input.channel) ?? 'joint']}`,
    `归档时间 / Filed: ${at(input.closedAt)}`,
    `消息数 / Messages: ${input.messages.length}`,
    '保密：调解内容不向法院或他人提供 / Confidential mediation content: never given to the court or others',
  ];
  for (const m of input.messages) {
    lines.push('', `${m.seq}. ${at(m.createdAt)} ${m.authorName}（${role(m.authorRole)}）`, m.text);
    for (const a of m.attachments) lines.push(`  附件 / Attachment: ${a.filename}`);
  }
  return `${lines.join('\n')}\n`;
}

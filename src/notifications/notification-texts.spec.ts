import { Language } from '../auth/roles';
import { rawTokens } from '../common/documents-i18n';
import { DeadlineKind } from '../deadlines/deadline-kinds';
import { SessionKind } from '../mediation/sessions/session-rules';
import { renderNotification, TEMPLATES, type NotificationData, type ObligationSummary, type RenderedNotification, type TemplateKey } from './notification-templates';

/**
 * Every notification a person can receive, in each language, with every enum value it can carry:
 * nothing machine-shaped may reach the inbox, the e-mail or the SMS (the documents' rawTokens
 * check). A UUID is fine inside a link (the case page, the served document's reading link).
 */

const settings = { timeZone: 'Asia/Shanghai', publicUrl: 'https://accord.example/' };
const documentLink = 'https://accord.example/served/0d9a3c1e-7b1f-4c8e-9d55-3f1b2a6c7d80?sig=abc';
const base: NotificationData = {
  caseId: 'c0ffee00-0000-4000-8000-000000000001',
  caseNumber: 'ACC-2026-000042',
  caseTitle: '专利侵权纠纷',
  reason: '请补充专利登记簿副本',
  dueAt: '2026-12-01T16:00:00.000Z',
  startsAt: '2026-12-01T06:30:00.000Z',
  durationMinutes: 45,
  meetingUrl: 'https://meet.example.com/r/42',
  courtName: '杭州市西湖区人民法院',
  documentName: '调解通知书-ACC-2026-000042.pdf',
  recipientName: '深圳某某科技有限公司',
};

const obligations: ObligationSummary[] = [
  { kind: 'money', amount: '8000.00', currency: 'CNY', lastDay: '2026-05-15' },
  { kind: 'money', amount: '70000', currency: 'EUR', lastDay: '2026-05-15' },
  { kind: 'money', amount: '1200000', currency: 'JPY', lastDay: '2026-05-15' },
  { kind: 'act', act: '下架X200充电器链接', lastDay: '2026-05-15' },
];

/** Every combination of the enum values a notification carries; the others stay as in `base`. */
const variants: NotificationData[] = [
  {},
  ...Object.values(DeadlineKind).map((deadlineKind) => ({ deadlineKind })),
  ...Object.values(SessionKind).map((sessionKind) => ({ sessionKind })),
  ...obligations.map((obligation) => ({ obligation })),
  // Values the catalogue does not know yet read as a generic term, never raw.
  { deadlineKind: 'cooling_off', sessionKind: 'hybrid_session' },
];

const textOf = (r: RenderedNotification): string => `${r.title}\n${r.text}\n${r.sms}`;
const withoutLinks = (text: string): string => text.replace(/https?:\/\/\S+/g, '<link>');

describe('notification texts', () => {
  const keys = Object.keys(TEMPLATES) as TemplateKey[];

  it.each(keys)('%s prints no raw token in either language, whatever it carries', (key) => {
    for (const language of [Language.ZhCN, Language.En]) {
      for (const variant of variants) {
        for (const link of [undefined, documentLink]) {
          const rendered = renderNotification(key, language, { ...base, ...variant }, { ...settings, documentLink: link });
          expect(rawTokens(withoutLinks(textOf(rendered)))).toEqual([]);
        }
      }
      // Only the case's own fields: what is missing reads as a placeholder, not undefined.
      const bare = renderNotification(key, language, { caseNumber: 'ACC-2026-000042', caseTitle: 'X' }, settings);
      expect(rawTokens(textOf(bare))).toEqual([]);
    }
  });

  it('would catch the old formats', () => {
    expect(rawTokens('截止时间：2026-12-01 24:00（Asia/Shanghai）').map((t) => t.rule)).toContain('ISO timestamp');
    expect(rawTokens('The mediation_period in case').map((t) => t.rule)).toContain('snake_case token');
  });

  it('prints money, dates and deadlines as the documents do', () => {
    const zh = renderNotification('obligation_reminder', Language.ZhCN, { ...base, obligation: obligations[0] }, settings);
    expect(zh.text).toContain('（¥8,000.00，最后履行日 2026年5月15日）');
    expect(zh.text).toContain('截止时间：2026年12月1日 24:00（北京时间）');
    const en = renderNotification('obligation_reminder', Language.En, { ...base, obligation: obligations[1] }, settings);
    expect(en.text).toContain('(EUR 70,000.00, by 15 May 2026)');
    expect(en.text).toContain('Deadline: end of 1 December 2026 (Beijing time)');
    const session = renderNotification('mediation_session_invitation', Language.En, { ...base, sessionKind: SessionKind.Caucus }, settings);
    expect(session.text).toContain('a private caucus in case ACC-2026-000042 ("专利侵权纠纷") at 1 December 2026, 14:30 (Beijing time)');
  });
});

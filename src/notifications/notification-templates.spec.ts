import { Language } from '../auth/roles';
import { CaseEvent, TRANSITIONS } from '../cases/lifecycle/case-lifecycle';
import { MediationTemplate } from '../mediation/mediation-notification-templates';
import {
  CONFIRMATION_CONSENT_TEMPLATE,
  DOCUMENT_SERVED_TEMPLATE,
  formatDeadline,
  OBLIGATION_OVERDUE_TEMPLATE,
  OBLIGATION_REMINDER_TEMPLATE,
  PERFORMANCE_DISPUTED_TEMPLATE,
  PERFORMANCE_REPORTED_TEMPLATE,
  REMINDER_TEMPLATE,
  renderNotification,
  SERVICE_FAILED_TEMPLATE,
  SERVICE_TEMPLATE,
  SESSION_TEMPLATES,
  TEMPLATES,
  type TemplateKey,
} from './notification-templates';

const settings = { timeZone: 'Asia/Shanghai', publicUrl: 'https://accord.example/' };
const data = { caseId: 'c0ffee00-0000-4000-8000-000000000001', caseNumber: 'ACC-2026-000042', caseTitle: '专利侵权纠纷' };

describe('notification templates', () => {
  const keys = Object.keys(TEMPLATES) as TemplateKey[];

  it('exist for every lifecycle event and every transition of the table, plus the reminder, the service notices, the mediation room’s and the confirmation and performance steps', () => {
    expect(new Set(keys)).toEqual(
      new Set([
        ...Object.values(CaseEvent),
        REMINDER_TEMPLATE,
        SERVICE_TEMPLATE,
        DOCUMENT_SERVED_TEMPLATE,
        CONFIRMATION_CONSENT_TEMPLATE,
        OBLIGATION_REMINDER_TEMPLATE,
        OBLIGATION_OVERDUE_TEMPLATE,
        PERFORMANCE_REPORTED_TEMPLATE,
        PERFORMANCE_DISPUTED_TEMPLATE,
        SERVICE_FAILED_TEMPLATE,
        ...Object.values(SESSION_TEMPLATES),
        ...Object.values(MediationTemplate),
      ]),
    );
    for (const t of TRANSITIONS) expect(TEMPLATES[t.event]).toBeDefined();
  });

  it.each(keys)('%s renders in both languages with every placeholder filled', (key) => {
    for (const language of [Language.ZhCN, Language.En]) {
      const rendered = renderNotification(key, language, { ...data, deadlineKind: 'correction' }, settings);
      expect(rendered.title.length).toBeGreaterThan(3);
      expect(`${rendered.title}\n${rendered.text}\n${rendered.sms}`).not.toMatch(/\{\w+\}/);
      expect(rendered.text).toContain('ACC-2026-000042');
    }
  });

  it('writes Chinese for zh-CN and English for en, with the reason, the deadline and a link to the case', () => {
    const zh = renderNotification(CaseEvent.RequestCorrection, Language.ZhCN, { ...data, reason: '补充授权委托书', dueAt: '2026-12-01T16:00:00.000Z' }, settings);
    expect(zh.title).toBe('请补正调解申请 · ACC-2026-000042');
    expect(zh.text.split('\n')).toEqual([
      '案件 ACC-2026-000042（专利侵权纠纷）的申请需要补正，请在期限内修改并重新提交，逾期未补正的申请将被关闭。',
      '理由：补充授权委托书',
      '截止时间：2026年12月1日 24:00（北京时间）',
      '查看案件：https://accord.example/cases/c0ffee00-0000-4000-8000-000000000001',
    ]);
    expect(zh.sms).toBe('【Accord】请补正调解申请 (ACC-2026-000042)，截止时间：2026年12月1日 24:00（北京时间）');

    const en = renderNotification(
      CaseEvent.RequestCorrection,
      Language.En,
      { ...data, caseTitle: 'Patent dispute', reason: 'Sign the power of attorney', dueAt: '2026-12-01T16:00:00.000Z' },
      settings,
    );
    expect(en.title).toBe('Please correct your application · ACC-2026-000042');
    expect(en.text).toContain('Reason: Sign the power of attorney');
    expect(en.text).toContain('Deadline: end of 1 December 2026 (Beijing time)');
    expect(en.sms).toBe('[Accord] Please correct your application (ACC-2026-000042). Deadline: end of 1 December 2026 (Beijing time)');
  });

  it('names the deadline in reminders', () => {
    expect(renderNotification(REMINDER_TEMPLATE, Language.En, { ...data, deadlineKind: 'mediation_period' }, settings).text).toContain('The mediation period in case');
    expect(renderNotification(REMINDER_TEMPLATE, Language.ZhCN, { ...data, deadlineKind: 'correction' }, settings).text).toContain('的补正期限即将届满');
  });

  it('gives a session invitation its kind, local start time, length and meeting link in each language', () => {
    const session = { ...data, sessionKind: 'caucus', startsAt: '2026-12-01T06:30:00.000Z', durationMinutes: 45, meetingUrl: 'https://meet.example.com/r/42' };
    const zh = renderNotification(SESSION_TEMPLATES.invitation, Language.ZhCN, session, settings);
    expect(zh.title).toBe('调解会议邀请：2026年12月1日 14:30（北京时间） · ACC-2026-000042');
    expect(zh.text).toContain('的背对背调解，时间 2026年12月1日 14:30（北京时间），时长 45 分钟，视频会议链接：https://meet.example.com/r/42。');
    const en = renderNotification(SESSION_TEMPLATES.cancelled, Language.En, { ...session, sessionKind: 'joint', reason: 'The mediator is ill' }, settings);
    expect(en.text.split('\n').slice(0, 2)).toEqual([
      'The joint mediation session in case ACC-2026-000042 ("专利侵权纠纷") set for 1 December 2026, 14:30 (Beijing time) is cancelled.',
      'Reason: The mediator is ill',
    ]);
  });

  it('names the court and the obligation in the confirmation and performance notices', () => {
    expect(renderNotification(CONFIRMATION_CONSENT_TEMPLATE, Language.ZhCN, { ...data, courtName: '杭州市西湖区人民法院' }, settings).text).toContain(
      '向杭州市西湖区人民法院申请司法确认',
    );
    expect(
      renderNotification(OBLIGATION_OVERDUE_TEMPLATE, Language.En, { ...data, obligation: { kind: 'money', amount: '50000.00', currency: 'CNY', lastDay: '2026-05-15' } }, settings)
        .text,
    ).toContain('(CNY 50,000.00, by 15 May 2026) is overdue');
    expect(
      renderNotification(OBLIGATION_REMINDER_TEMPLATE, Language.ZhCN, { ...data, obligation: { kind: 'act', act: '下架X200充电器链接', lastDay: '2026-05-15' } }, settings).text,
    ).toContain('义务（下架X200充电器链接，最后履行日 2026年5月15日）即将到期');
  });

  it('shows a period ending at local midnight as the end of its last day, in the platform zone', () => {
    // 2026-12-02 00:00 in Shanghai is the end of 1 December there, still 1 December in UTC too.
    expect(formatDeadline('2026-12-01T16:00:00.000Z', Language.En, 'Asia/Shanghai')).toBe('end of 1 December 2026 (Beijing time)');
    expect(formatDeadline('2026-12-01T23:00:00.000Z', Language.ZhCN, 'Europe/Berlin')).toBe('2026年12月1日 24:00（UTC+01:00）');
  });
});

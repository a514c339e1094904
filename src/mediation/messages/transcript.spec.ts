import { MediationChannel } from './channels';
import { channelTranscript } from './transcript';

describe('channel transcript', () => {
  it('lists every message with its local time, author and attachments, under a header naming who may see it', () => {
    const text = channelTranscript({
      caseNumber: 'ACC-2026-000001',
      channel: MediationChannel.RespondentCaucus,
      closedAt: new Date('2026-10-09T00:00:00Z'),
      timeZone: 'Asia/Shanghai',
      messages: [
        { seq: 7, authorName: '李调解', authorRole: 'mediator', text: '您的底线是多少？', attachments: [], createdAt: new Date('2026-10-08T02:00:00Z') },
        {
          seq: 9,
          authorName: 'Chen',
          authorRole: 'respondent',
          text: 'Two lines\nof text 🚀',
          attachments: [{ id: 'd1', filename: 'costs.pdf' }],
          createdAt: new Date('2026-10-08T02:05:30Z'),
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      '调解室消息记录 / Mediation room transcript',
      '案号 / Case: ACC-2026-000001',
      '频道 / Channel: 被申请人方背对背频道 / respondent caucus',
      '可见范围 / Visible to: 被申请人方及调解员 / the respondent side and the mediator only',
      '归档时间 / Filed: 2026年10月9日 08:00:00（北京时间）',
      '消息数 / Messages: 2',
      '保密：调解内容不向法院或他人提供 / Confidential mediation content: never given to the court or others',
      '',
      '7. 2026年10月8日 10:00:00（北京时间） 李调解（调解员 / Mediator）',
      '您的底线是多少？',
      '',
      '9. 2026年10月8日 10:05:30（北京时间） Chen（被申请人 / Respondent）',
      'Two lines',
      'of text 🚀',
      '  附件 / Attachment: costs.pdf',
      '',
    ]);
  });
});

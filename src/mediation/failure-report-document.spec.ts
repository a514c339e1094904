import { extractText, getDocumentProxy } from 'unpdf';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { CONDUCT_LABELS, failureReportDocument, type FailureReportDocumentInput } from './failure-report-document';
import { CostRaisingConduct, TerminationReason } from './termination';

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

const input: FailureReportDocumentInput = {
  documentId: 'ACC-1-FR',
  caseNumber: 'ACC-2026-000123',
  caseTitle: 'Trademark dispute over the JIA mark',
  applicants: ['杭州甲科技有限公司'],
  respondents: ['深圳乙电子有限公司'],
  mediatorName: 'Wang Mediator',
  court: { name: '杭州市中级人民法院', referralNumber: '(2026)浙01民诉前调1234号' },
  handOff: 'court_registration',
  mediationStartedAt: new Date('2026-04-01T02:00:00Z'),
  endedAt: new Date('2026-04-20T03:00:00Z'),
  reasons: [TerminationReason.RefusesToContinue, TerminationReason.PositionsTooFarApart],
  partiesConcerned: [{ partyName: '深圳乙电子有限公司', reason: TerminationReason.RefusesToContinue }],
  explanation: 'After three sessions the respondent said it would not continue.',
  costRaisingConduct: [{ partyName: '深圳乙电子有限公司', kind: CostRaisingConduct.FailedToAttend, description: 'Missed the session of 2026-04-10.' }],
  preparedBy: 'Wang Mediator',
  preparedAt: new Date('2026-04-20T03:00:00Z'),
  timeZone: 'Asia/Shanghai',
};

describe('failure report document', () => {
  it('labels every kind of conduct in both languages', () => {
    for (const kind of Object.values(CostRaisingConduct)) {
      expect(CONDUCT_LABELS[kind]['zh-CN']).toBeTruthy();
      expect(CONDUCT_LABELS[kind].en).toBeTruthy();
    }
  });

  it('states the reasons with the parties concerned, the conduct, and the hand-off to the court, in English', async () => {
    const text = await textOf(await renderPdf(failureReportDocument(input, 'en'), 'en', { timeZone: input.timeZone }));
    expect(text).toContain('Notice of Termination of Mediation');
    expect(text).toContain('A party refused to continue (深圳乙电子有限公司)');
    expect(text).toContain('The positions are too far apart to agree');
    expect(text).toContain('Failed to attend without good reason');
    expect(text).toContain('go to that court for registration');
    expect(text).toContain('(2026)浙01民诉前调1234号');
    expect(text).toContain('1 April 2026, 10:00 (Beijing time)'); // local time of the start
  }, 30_000);

  it('writes the Chinese report, sent back for trial after filing, and says when the platform issued it', async () => {
    const spec = failureReportDocument(
      { ...input, handOff: 'back_to_trial', reasons: [TerminationReason.PeriodExpired], partiesConcerned: [], costRaisingConduct: [], preparedBy: null },
      'zh-CN',
    );
    expect(spec.attestation?.signatories).toEqual([{ role: '出具', name: 'Accord 在线调解平台', signedAt: input.preparedAt }]);
    const text = await textOf(await renderPdf(spec, 'zh-CN', { timeZone: input.timeZone }));
    expect(text).toContain('调解终结书');
    expect(text).toContain('二〇二六年四月二十日'); // the closing date, in Chinese numerals
    expect(text).toContain('调解期限届满未达成调解协议且未延长');
    expect(text).toContain('退回委托法院继续审理');
    expect(text).toContain('无。');
  }, 30_000);

  it('has no hand-off court for an online application', () => {
    const spec = failureReportDocument({ ...input, court: null, handOff: 'none' }, 'en');
    const json = JSON.stringify(spec);
    expect(json).not.toContain('Referring court');
    expect(json).toContain('The parties applied to mediate directly');
  });
});

import { PartySide } from '../cases/entities/case-party.entity';
import { checkAgainstCase, DEFAULT_OTHER_TERMS, draftFromCase, type CaseForDraft } from './agreement-drafting';
import { validateAgreement } from './agreement-model';

const A = PartySide.Applicant;
const R = PartySide.Respondent;

const caseFacts = (): CaseForDraft => ({
  caseNumber: 'ACC-2026-000123',
  title: 'Patent ZL202310012345.6',
  statement: '被申请人销售的X200充电器落入申请人专利的保护范围。',
  claims: [
    { kind: 'monetary', amount: '500000.00', currency: 'CNY' },
    { kind: 'stop_infringement', description: '停止销售X200充电器' },
  ],
  parties: [
    { id: 'pr', side: R, kind: 'organisation', name: '深圳乙电子有限公司', idType: null, idNumber: null, address: null },
    { id: 'pa', side: A, kind: 'person', name: '张三', idType: 'resident_id_card', idNumber: '330102199001011234', address: '杭州市西湖区文三路1号' },
  ],
  agents: [{ partyId: 'pa', name: '李律师', lawFirm: '浙江某某律师事务所' }],
  mediator: { userId: 'um', name: '赵调解员', organisation: '杭州知识产权调解中心' },
});

describe('drafting the agreement', () => {
  it('fills the template from the case: parties applicants first, agents, mediator, facts, one issue per claim', () => {
    const draft = draftFromCase(caseFacts(), 'zh-CN');
    expect(draft).toMatchObject({
      language: 'zh-CN',
      caseNumber: 'ACC-2026-000123',
      mediator: { userId: 'um', name: '赵调解员', organisation: '杭州知识产权调解中心' },
      facts: '被申请人销售的X200充电器落入申请人专利的保护范围。',
      disputedIssues: ['被申请人是否应当支付人民币伍拾万元整（¥500,000.00）', '被申请人是否应当停止侵权行为：停止销售X200充电器'],
      result: '',
      performance: { obligations: [] },
      otherTerms: [...DEFAULT_OTHER_TERMS['zh-CN']],
      confirmsOwnership: null,
    });
    expect(draft.parties).toEqual([
      {
        partyId: 'pa',
        side: A,
        kind: 'person',
        name: '张三',
        idType: 'resident_id_card',
        idNumber: '330102199001011234',
        address: '杭州市西湖区文三路1号',
        agents: [{ name: '李律师', lawFirm: '浙江某某律师事务所' }],
      },
      { partyId: 'pr', side: R, kind: 'organisation', name: '深圳乙电子有限公司', idType: 'unified_social_credit_code', idNumber: '', address: null, legalRepresentative: '' },
    ]);
  });

  it('leaves to the mediator what only the mediator can fill, and says so through the model’s validation', () => {
    const fields = validateAgreement(draftFromCase(caseFacts(), 'en')).map((e) => e.field);
    expect(fields).toEqual(['parties.1.idNumber', 'parties.1.legalRepresentative', 'result', 'performance.obligations', 'confirmsOwnership']);
  });

  it('names an organisation’s legal representative as the application or referral gave it (C13)', () => {
    const facts = caseFacts();
    const withRep: CaseForDraft = { ...facts, parties: facts.parties.map((p) => (p.kind === 'organisation' ? { ...p, legalRepresentative: '李强' } : p)) };
    const draft = draftFromCase(withRep, 'zh-CN');
    expect(draft.parties.map((p) => [p.kind, p.legalRepresentative])).toEqual([
      ['person', undefined],
      ['organisation', '李强'],
    ]);
    expect(validateAgreement(draft).map((e) => e.field)).not.toContain('parties.1.legalRepresentative');
  });

  it('writes the issues in English too, and falls back to the title without claims', () => {
    expect(draftFromCase(caseFacts(), 'en').disputedIssues).toEqual([
      'Whether the respondent owes CNY 500,000.00',
      'Whether the respondent must stop the infringing acts: 停止销售X200充电器',
    ]);
    expect(draftFromCase({ ...caseFacts(), claims: [], statement: null }, 'en')).toMatchObject({ disputedIssues: ['Patent ZL202310012345.6'], facts: '' });
  });

  it('ties the content to its case: number, mediator, every party once on its side', () => {
    const identity = {
      caseNumber: 'ACC-2026-000123',
      mediatorId: 'um',
      parties: [
        { id: 'pa', side: A },
        { id: 'pr', side: R },
      ],
    };
    const draft = draftFromCase(caseFacts(), 'en');
    expect(checkAgainstCase(draft, identity)).toEqual([]);
    const rules = (c: Parameters<typeof checkAgainstCase>[0]) => checkAgainstCase(c, identity).map((e) => `${e.field}:${e.rule}`);
    expect(rules({ ...draft, caseNumber: 'ACC-2026-000999', mediator: { ...draft.mediator, userId: 'someone' } })).toEqual(['caseNumber:case', 'mediator.userId:case']);
    expect(rules({ ...draft, parties: [draft.parties[0], { ...draft.parties[1], side: A }] })).toEqual(['parties.1.side:case', 'parties:all_parties']);
    expect(rules({ ...draft, parties: [draft.parties[0], { ...draft.parties[1], partyId: 'stranger' }] })).toEqual(['parties.1.partyId:case', 'parties:all_parties']);
  });
});

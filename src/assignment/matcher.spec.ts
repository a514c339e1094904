import { DisputeType } from '../cases/entities/case.entity';
import { PartySide } from '../cases/entities/case-party.entity';
import { IpRightKind } from '../cases/entities/ip-right.entity';
import { CaseSource, ReferralType } from '../cases/lifecycle/case-states';
import type { CaseFacts } from './case-facts';
import { DEFAULT_MATCH_RULES, DEFAULT_MATCH_WEIGHTS, fieldCredit, HardFilter, matchMediators, tieBreakHash, type MatchOptions, type MatchResult } from './matcher';
import { Accreditation, normaliseTechnicalField, PriorRole, type MediatorProfile } from './mediator-profile';
import { triage, type Track } from './triage';

const AT = new Date('2026-03-02T02:00:00Z');
const COURT = 'court-hangzhou-intermediate';
const DISPUTE_NO = '(2026)浙01民诉前调1234号';

/**
 * The respondent's corporate group:
 *   org-root ─ org-grandparent ─┬─ org-parent ─┬─ org-respondent ─ org-subsidiary
 *             org-distant-soe   │              └─ org-sibling
 *                               └─ org-uncle ─── org-cousin
 */
const PARENTS = new Map<string, string>([
  ['org-respondent', 'org-parent'],
  ['org-subsidiary', 'org-respondent'],
  ['org-sibling', 'org-parent'],
  ['org-parent', 'org-grandparent'],
  ['org-uncle', 'org-grandparent'],
  ['org-cousin', 'org-uncle'],
  ['org-grandparent', 'org-root'],
  ['org-distant-soe', 'org-root'],
]);

/** An invention-patent dispute referred before filing by the Hangzhou court. */
const caseFacts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: 'case-1',
  disputeType: DisputeType.Patent,
  claims: [{ kind: 'monetary', amount: '800000.00', currency: 'CNY' }],
  ipRights: [{ kind: IpRightKind.Patent, jurisdiction: 'CN' }],
  technicalFields: ['G06F16/00'],
  jurisdictions: ['CN'],
  parties: [
    { side: PartySide.Applicant, kind: 'organisation', name: '杭州甲科技有限公司', organisationId: 'org-applicant' },
    { side: PartySide.Respondent, kind: 'organisation', name: 'Shenzhen B Electronics Co., Ltd.', organisationId: 'org-respondent' },
    { side: PartySide.Respondent, kind: 'person', name: '王小明', userId: 'user-wang' },
  ],
  agents: [{ side: PartySide.Respondent, name: '李律师', userId: 'user-agent-li', lawFirmOrganisationId: 'org-firm', lawFirmName: '浙江某某律师事务所' }],
  language: 'zh-CN',
  foreignElement: false,
  source: CaseSource.CourtReferral,
  referralType: ReferralType.PreFiling,
  referringCourtId: COURT,
  disputeKeys: [DISPUTE_NO],
  ...over,
});

type ProfileOverrides = Omit<Partial<MediatorProfile>, 'expertise' | 'stats' | 'relationships'> & {
  expertise?: Partial<MediatorProfile['expertise']>;
  stats?: Partial<MediatorProfile['stats']>;
  relationships?: Partial<MediatorProfile['relationships']>;
};

/** A seniority-2 patent mediator on the court's roster, who passes every filter for caseFacts(). */
const mediator = (id: string, over: ProfileOverrides = {}): MediatorProfile => ({
  id,
  active: true,
  onLeaveUntil: null,
  languages: ['zh-CN', 'en'],
  jurisdictions: ['CN'],
  accreditations: [Accreditation.CourtInvited],
  seniority: 2,
  capacity: 10,
  openCases: 3,
  courtIds: [COURT],
  organisationIds: ['org-centre'],
  pastInvolvement: [],
  ...over,
  expertise: { disputeTypes: [DisputeType.Patent, DisputeType.UtilityModel], technicalFields: ['G06F'], ...over.expertise },
  relationships: { organisations: [], people: [], ...over.relationships },
  stats: { outcomes: { [DisputeType.Patent]: { settled: 4, closed: 10 } }, assignmentsLast30Days: 2, ...over.stats },
});

const STANDARD = { track: 'standard' } as const;
const match = (mediators: MediatorProfile[], over: Partial<MatchOptions> = {}, facts = caseFacts(), track: { track: Track } = STANDARD): MatchResult =>
  matchMediators(facts, track, mediators, { at: AT, organisationParents: PARENTS, ...over });
const ids = (result: MatchResult) => result.candidates.map((c) => c.mediatorId);
const exclusionOf = (result: MatchResult, id: string) => result.excluded.find((e) => e.mediatorId === id);
const organisation = (organisationId: string, kind: 'client' | 'employer' | 'law_firm' | 'party' = 'client', name?: string) => ({
  relationships: { organisations: [{ organisationId, kind, name }] },
});

describe('matchMediators: hard filters', () => {
  it('keeps a mediator who passes everything, with every filter listed as passed', () => {
    const result = match([mediator('m-ok')]);
    expect(result.excluded).toEqual([]);
    expect(ids(result)).toEqual(['m-ok']);
    expect(result.candidates[0].explanation.filtersPassed.map((f) => f.filter)).toEqual(Object.values(HardFilter));
  });

  const cases: [string, ProfileOverrides, Partial<MatchOptions>, HardFilter, RegExp][] = [
    ['one who declined earlier', {}, { excludeMediatorIds: ['m-x'] }, HardFilter.NotExcluded, /declined this case or let an earlier offer/],
    ['an inactive mediator', { active: false }, {}, HardFilter.Available, /^inactive$/],
    ['one on leave at the decision time', { onLeaveUntil: new Date('2026-03-10T00:00:00Z') }, {}, HardFilter.Available, /on leave until 2026-03-10T00:00:00.000Z/],
    ['a trademark-only mediator', { expertise: { disputeTypes: [DisputeType.Trademark] } }, {}, HardFilter.DisputeType, /does not handle patent disputes/],
    ['one who speaks no Chinese', { languages: ['en'] }, {}, HardFilter.Language, /does not speak zh-CN \(the case language\)/],
    ['a junior on the standard track', { seniority: 1 }, {}, HardFilter.Seniority, /seniority 1 is below the 2 the standard track needs/],
    [
      'one not on the referring court’s roster',
      { courtIds: ['court-other'] },
      {},
      HardFilter.ServesCourtOrOrganisation,
      /not on the roster of the referring court court-hangzhou-intermediate/,
    ],
    [
      'one without a required accreditation',
      { accreditations: [Accreditation.Lawyer] },
      { requiredAccreditations: [Accreditation.CourtInvited] },
      HardFilter.Accreditation,
      /lacks the court_invited accreditation/,
    ],
    ['one at capacity', { openCases: 10 }, {}, HardFilter.Capacity, /at capacity: 10 open cases of 10/],
    ['one with no capacity at all', { capacity: 0, openCases: 0 }, {}, HardFilter.Capacity, /at capacity: 0 open cases of 0/],
    [
      'a witness in the same dispute',
      { pastInvolvement: [{ disputeKey: DISPUTE_NO, role: PriorRole.Witness }] },
      {},
      HardFilter.NoPriorInvolvement,
      /acted as witness in the same dispute \(\(2026\)浙01民诉前调1234号\); may not also mediate it \(rule A5\)/,
    ],
    [
      'a translator in this very case',
      { pastInvolvement: [{ caseId: 'case-1', role: PriorRole.Translator }] },
      {},
      HardFilter.NoPriorInvolvement,
      /acted as translator in this case/,
    ],
    [
      'a juror in the litigation, keyed by case id',
      { pastInvolvement: [{ caseId: DISPUTE_NO, role: PriorRole.Juror }] },
      {},
      HardFilter.NoPriorInvolvement,
      /acted as juror in the same dispute/,
    ],
    [
      'the counsel of the respondent’s PARENT company',
      organisation('org-parent'),
      {},
      HardFilter.NoConflictOfInterest,
      /client relationship with organisation org-parent: the parent company of respondent Shenzhen B Electronics/,
    ],
    [
      'one employed by the respondent’s grandparent',
      organisation('org-grandparent', 'employer'),
      {},
      HardFilter.NoConflictOfInterest,
      /employer relationship with organisation org-grandparent: a parent company 2 levels above respondent/,
    ],
    ['one related to the group’s ultimate owner', organisation('org-root'), {}, HardFilter.NoConflictOfInterest, /org-root: a parent company 3 levels above respondent/],
    [
      'one related to the respondent’s sister company',
      organisation('org-sibling'),
      {},
      HardFilter.NoConflictOfInterest,
      /org-sibling: in the corporate group of respondent Shenzhen B Electronics Co., Ltd. \(under org-parent, its parent\)/,
    ],
    [
      'one related to a cousin company of the group',
      organisation('org-cousin'),
      {},
      HardFilter.NoConflictOfInterest,
      /org-cousin: in the corporate group of respondent .* \(under org-grandparent, its parent 2 levels up\)/,
    ],
    ['one related to the respondent’s subsidiary', organisation('org-subsidiary'), {}, HardFilter.NoConflictOfInterest, /org-subsidiary: a subsidiary of respondent/],
    ['the respondent’s own client', organisation('org-respondent'), {}, HardFilter.NoConflictOfInterest, /org-respondent: respondent Shenzhen B Electronics Co., Ltd.$/],
    [
      'one employed by the applicant',
      organisation('org-applicant', 'employer'),
      {},
      HardFilter.NoConflictOfInterest,
      /employer relationship with organisation org-applicant: applicant 杭州甲科技有限公司/,
    ],
    [
      'a partner of the agent’s law firm',
      organisation('org-firm', 'law_firm'),
      {},
      HardFilter.NoConflictOfInterest,
      /law firm relationship with organisation org-firm: 浙江某某律师事务所 of the respondent's agent 李律师/,
    ],
    [
      'one tied to the agent’s firm by name only',
      organisation('org-not-on-platform', 'law_firm', '浙江某某律师事务所'),
      {},
      HardFilter.NoConflictOfInterest,
      /same name as 浙江某某律师事务所 of the respondent's agent/,
    ],
    [
      'a relative of the person respondent',
      { relationships: { people: [{ name: ' 王 小明 ', kind: 'relative' }] } },
      {},
      HardFilter.NoConflictOfInterest,
      /declared relative relationship with {2}王 小明 : respondent 王小明/,
    ],
    ['a colleague of the agent', { relationships: { people: [{ name: '李律师', kind: 'colleague' }] } }, {}, HardFilter.NoConflictOfInterest, /the respondent's agent 李律师/],
    ['the agent himself', { id: 'user-agent-li' }, {}, HardFilter.NoConflictOfInterest, /the mediator is the respondent's agent 李律师/],
    ['a party himself', { id: 'user-wang' }, {}, HardFilter.NoConflictOfInterest, /the mediator is respondent 王小明/],
  ];

  it.each(cases)('excludes %s and says why', (_label, over, options, filter, reason) => {
    const result = match([mediator('m-x', over), mediator('m-ok')], options);
    expect(ids(result)).toEqual(['m-ok']);
    const exclusion = exclusionOf(result, (over.id as string | undefined) ?? 'm-x');
    expect(exclusion?.filter).toBe(filter);
    expect(exclusion?.reason).toMatch(reason);
  });

  it('lets in those the filters should not stop', () => {
    const result = match([
      mediator('leave-over', { onLeaveUntil: new Date('2026-03-02T02:00:00Z') }),
      mediator('leave-planned', { onLeaveFrom: new Date('2026-04-01T00:00:00Z'), onLeaveUntil: new Date('2026-05-01T00:00:00Z') }),
      mediator('below-capacity', { capacity: 4, openCases: 3 }),
      mediator('senior', { seniority: 3 }),
      mediator('involved-elsewhere', { pastInvolvement: [{ disputeKey: '(2025)浙01民初9号', role: PriorRole.Expert }] }),
      // A state-owned company under the same distant root is not the respondent's group.
      mediator('distant-soe', organisation('org-distant-soe')),
      mediator('unrelated', organisation('org-unknown', 'client', '某某律师事务所')),
      mediator('namesake-org-id', { relationships: { people: [{ name: '王小', kind: 'client' }] } }),
    ]);
    expect(result.excluded).toEqual([]);
    expect(result.candidates).toHaveLength(8);
  });

  it('widens or narrows the corporate group with corporateGroupLevels', () => {
    const cousin = mediator('cousin', organisation('org-cousin'));
    const sibling = mediator('sibling', organisation('org-sibling'));
    const parent = mediator('parent', organisation('org-parent'));
    const narrow = match([cousin, sibling, parent], { rules: { corporateGroupLevels: 1 } });
    expect(ids(narrow)).toEqual(['cousin']);
    const ownOnly = match([cousin, sibling, parent], { rules: { corporateGroupLevels: 0 } });
    // Parents above a party always conflict: they control it and gain from the outcome.
    expect(ids(ownOnly).sort()).toEqual(['cousin', 'sibling']);
    // Without the parents map only direct ties to a party's own organisation can be seen.
    expect(ids(match([cousin, sibling, parent], { organisationParents: undefined })).sort()).toEqual(['cousin', 'parent', 'sibling']);
  });

  it('requires English in a foreign-element case unless the rules say otherwise', () => {
    const facts = caseFacts({ foreignElement: true });
    const chineseOnly = mediator('zh-only', { languages: ['zh-CN'] });
    const result = match([chineseOnly, mediator('bilingual')], {}, facts);
    expect(ids(result)).toEqual(['bilingual']);
    expect(exclusionOf(result, 'zh-only')).toEqual({ mediatorId: 'zh-only', filter: HardFilter.Language, reason: 'does not speak en (required for foreign-element cases)' });
    expect(ids(match([chineseOnly], { rules: { foreignElementLanguage: null } }, facts))).toEqual(['zh-only']);
    const japanese = caseFacts({ additionalLanguages: ['ja'] });
    expect(exclusionOf(match([mediator('no-ja')], {}, japanese), 'no-ja')?.reason).toBe('does not speak ja (needed by a party)');
  });

  it('admits seniority by track: fast any, standard 2 and up, complex 3 only', () => {
    const pool = [mediator('s1', { seniority: 1 }), mediator('s2', { seniority: 2 }), mediator('s3', { seniority: 3 })];
    expect(ids(match(pool, {}, caseFacts(), { track: 'fast' })).sort()).toEqual(['s1', 's2', 's3']);
    expect(ids(match(pool, {}, caseFacts(), { track: 'standard' })).sort()).toEqual(['s2', 's3']);
    expect(ids(match(pool, {}, caseFacts(), { track: 'complex' }))).toEqual(['s3']);
  });

  it('follows the track triage gives', () => {
    const facts = caseFacts({ claims: [{ kind: 'monetary', amount: '6000000' }] });
    const result = triage(facts);
    expect(result.track).toBe('complex');
    const matched = match([mediator('s2'), mediator('s3', { seniority: 3 })], {}, facts, result);
    expect(ids(matched)).toEqual(['s3']);
    expect(matched.candidates[0].explanation.track).toBe('complex');
  });

  it('requires the organisation for a case routed to one, and no court when none referred it', () => {
    const facts = caseFacts({ source: CaseSource.OnlineApplication, referralType: null, referringCourtId: null, organisationId: 'org-centre' });
    const result = match([mediator('centre', { courtIds: [] }), mediator('elsewhere', { organisationIds: ['org-other'] })], {}, facts);
    expect(ids(result)).toEqual(['centre']);
    expect(exclusionOf(result, 'elsewhere')?.reason).toBe('does not serve the organisation org-centre');
    expect(result.candidates[0].explanation.filtersPassed.find((f) => f.filter === HardFilter.ServesCourtOrOrganisation)?.check).toBe('serves the organisation org-centre');
  });

  it('reports the first filter failed, cheapest first, and lists exclusions in input order', () => {
    const result = match([mediator('b', { active: false, openCases: 99 }), mediator('a', { openCases: 99, ...organisation('org-parent') })]);
    expect(result.excluded.map((e) => [e.mediatorId, e.filter])).toEqual([
      ['b', HardFilter.Available],
      ['a', HardFilter.Capacity],
    ]);
  });
});

describe('matchMediators: scoring', () => {
  it('prefers a technical-field match to a dispute-type-only mediator, and a specialist to a neighbour', () => {
    const result = match([
      mediator('type-only', { expertise: { technicalFields: [] } }),
      mediator('other-section', { expertise: { technicalFields: ['H04L'] } }),
      mediator('same-class', { expertise: { technicalFields: ['G06N'] } }),
      mediator('same-subclass', { expertise: { technicalFields: ['A61K', 'G06F'] } }),
    ]);
    expect(ids(result).slice(0, 2)).toEqual(['same-subclass', 'same-class']);
    const value = (id: string) => result.candidates.find((c) => c.mediatorId === id)!.explanation.parts.expertise.value;
    expect(value('same-subclass')).toBeCloseTo(1, 6);
    expect(value('same-class')).toBeCloseTo(0.5 + 0.4 * 0.6 + 0.1, 6);
    expect(value('type-only')).toBeCloseTo(0.6, 6);
    expect(value('other-section')).toBe(value('type-only'));
  });

  it('matches Nice classes exactly, whatever their spelling', () => {
    const facts = caseFacts({ disputeType: DisputeType.Trademark, technicalFields: [normaliseTechnicalField('09')] });
    const marks = (fields: string[]) => ({ expertise: { disputeTypes: [DisputeType.Trademark], technicalFields: fields.map(normaliseTechnicalField) } });
    const result = match([mediator('class-35', marks(['35'])), mediator('class-9', marks([' 9 '])), mediator('class-3', marks(['3']))], {}, facts);
    expect(ids(result)[0]).toBe('class-9');
    expect(result.candidates[0].explanation.parts.expertise.detail).toContain('9 ~ 9 (1.00)');
    expect(fieldCredit('35', '3')).toBe(0);
    expect(normaliseTechnicalField(' g06f 16/00 ')).toBe('G06F16/00');
    expect(fieldCredit('9', 'G06F')).toBe(0);
  });

  it('credits the case’s jurisdictions the mediator knows', () => {
    const facts = caseFacts({ jurisdictions: ['CN', 'US'] });
    const result = match([mediator('cn'), mediator('cn-us', { jurisdictions: ['US', 'CN'] })], {}, facts);
    expect(ids(result)[0]).toBe('cn-us');
    expect(result.candidates[1].explanation.parts.expertise.detail).toContain('jurisdictions: 1 of CN/US known');
  });

  it('prefers the lighter workload', () => {
    expect(ids(match([mediator('busy', { openCases: 8 }), mediator('free', { openCases: 1 })]))).toEqual(['free', 'busy']);
    // The ratio, not the count: 4 of 20 is lighter than 3 of 10.
    expect(ids(match([mediator('small', { openCases: 3 }), mediator('large', { capacity: 20, openCases: 4 })]))).toEqual(['large', 'small']);
  });

  it('prefers the better settlement record in this category, without zeroing a newcomer', () => {
    const record = (settled: number, closed: number) => ({ stats: { outcomes: { [DisputeType.Patent]: { settled, closed } } } });
    const result = match([
      mediator('poor', record(0, 10)),
      mediator('new', { stats: { outcomes: {} } }),
      mediator('good', record(8, 10)),
      mediator('good-in-trademarks-only', { stats: { outcomes: { [DisputeType.Trademark]: { settled: 50, closed: 50 } } } }),
    ]);
    expect(ids(result)[0]).toBe('good');
    const value = (id: string) => result.candidates.find((c) => c.mediatorId === id)!.explanation.parts.successRate.value;
    expect(value('good')).toBeCloseTo((8 + 2.22) / 20, 4);
    expect(value('new')).toBeCloseTo(0.222, 4);
    expect(value('good-in-trademarks-only')).toBe(value('new'));
    expect(value('poor')).toBeCloseTo(2.22 / 20, 4);
    expect(value('poor')).toBeGreaterThan(0);
  });

  it('prefers the mediator with fewer recent assignments among equals', () => {
    const result = match([mediator('recent-9', { stats: { assignmentsLast30Days: 9 } }), mediator('recent-1', { stats: { assignmentsLast30Days: 1 } })]);
    expect(ids(result)).toEqual(['recent-1', 'recent-9']);
    expect(result.candidates[0].explanation.parts.fairness).toMatchObject({ value: round4(10 / 11), detail: '1 assignment in the last 30 days' });
  });

  it('lets expertise outweigh a moderate workload difference under the default weights', () => {
    const result = match([mediator('expert', { openCases: 6 }), mediator('generalist', { openCases: 2, expertise: { technicalFields: [] } })]);
    expect(ids(result)).toEqual(['expert', 'generalist']);
  });

  it('reads its weights from the options', () => {
    const pool = [mediator('expert', { openCases: 6 }), mediator('generalist', { openCases: 2, expertise: { technicalFields: [] } })];
    const result = match(pool, { weights: { expertise: 0, workload: 1 } });
    expect(ids(result)).toEqual(['generalist', 'expert']);
    expect(result.candidates[0].explanation.parts.expertise.weight).toBe(0);
    expect(() => match(pool, { weights: { fairness: -1 } })).toThrow(RangeError);
    expect(() => match(pool, { weights: { expertise: 0, workload: 0, successRate: 0, fairness: 0 } })).toThrow(RangeError);
    expect(() => match(pool, { rules: { successPrior: { rate: 2, strength: 1 } } })).toThrow(RangeError);
    expect(() => match(pool, { at: new Date('nope') })).toThrow(TypeError);
  });
});

describe('matchMediators: explanation', () => {
  it('gives each part its weight, value, contribution and a detail a person can read', () => {
    const result = match([mediator('m-1', { openCases: 3, stats: { assignmentsLast30Days: 4 } })], { excludeMediatorIds: ['m-9'] });
    const [candidate] = result.candidates;
    const { parts, filtersPassed, tieBreak, track } = candidate.explanation;
    expect(track).toBe('standard');
    expect(parts).toEqual({
      expertise: { weight: 0.4, value: 1, contribution: 0.4, detail: 'handles patent; technical fields: G06F16/00 ~ G06F (1.00); jurisdictions: 1 of CN known' },
      workload: { weight: 0.25, value: 0.7, contribution: 0.175, detail: '3 open cases of 10' },
      successRate: {
        weight: 0.2,
        value: round4(6.22 / 20),
        contribution: round6((0.2 * 6.22) / 20),
        detail: '4 settled of 10 closed patent cases, with a prior of 0.222 over 10 cases',
      },
      fairness: { weight: 0.15, value: round4(10 / 14), contribution: round6((0.15 * 10) / 14), detail: '4 assignments in the last 30 days' },
    });
    const sum = Object.values(parts).reduce((s, p) => s + p.contribution, 0);
    expect(candidate.score).toBeCloseTo(sum, 5);
    expect(tieBreak).toEqual({ recentAssignments: 4, hash: tieBreakHash('case-1', 'm-1') });
    expect(filtersPassed).toEqual([
      { filter: HardFilter.NotExcluded, check: 'not among the 1 who declined or let an offer expire' },
      { filter: HardFilter.Available, check: 'active and not on leave at 2026-03-02T02:00:00.000Z' },
      { filter: HardFilter.DisputeType, check: 'handles patent disputes' },
      { filter: HardFilter.Language, check: 'speaks zh-CN' },
      { filter: HardFilter.Seniority, check: 'seniority ≥ 2 for the standard track' },
      { filter: HardFilter.ServesCourtOrOrganisation, check: 'on the roster of the referring court court-hangzhou-intermediate' },
      { filter: HardFilter.Accreditation, check: 'no accreditation required' },
      { filter: HardFilter.Capacity, check: 'fewer open cases than capacity' },
      { filter: HardFilter.NoPriorInvolvement, check: 'no earlier role (juror, judge, agent, witness, expert, translator) in this dispute (rule A5)' },
      { filter: HardFilter.NoConflictOfInterest, check: 'no declared relationship with a party, an agent, a law firm or their corporate groups (rule A5)' },
    ]);
  });

  it('survives a JSON round trip, as it will be stored with the decision', () => {
    const result = match([mediator('m-1'), mediator('m-2', { active: false })]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('returns only the best `limit` candidates but every exclusion', () => {
    const pool = Array.from({ length: 20 }, (_, i) => mediator(`m-${i}`, { openCases: i % 10, active: i !== 7 }));
    const result = match(pool, { limit: 2 });
    expect(ids(result).sort()).toEqual(['m-0', 'm-10']);
    expect(result.excluded.map((e) => e.mediatorId)).toEqual(['m-7']);
    expect(match(pool, { limit: 0 }).candidates).toEqual([]);
    expect(match(pool).candidates).toHaveLength(19);
  });

  it('keeps its defaults frozen', () => {
    expect(Object.isFrozen(DEFAULT_MATCH_WEIGHTS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_MATCH_RULES)).toBe(true);
    expect(DEFAULT_MATCH_WEIGHTS.expertise + DEFAULT_MATCH_WEIGHTS.workload + DEFAULT_MATCH_WEIGHTS.successRate + DEFAULT_MATCH_WEIGHTS.fairness).toBeCloseTo(1, 9);
  });
});

describe('matchMediators: ties and fairness', () => {
  const equals = (n: number) => Array.from({ length: n }, (_, i) => mediator(`m-${String(i).padStart(2, '0')}`, { openCases: 0, stats: { assignmentsLast30Days: 0 } }));

  it('is deterministic and does not depend on the order of its input', () => {
    const pool = [...equals(6), mediator('busy', { openCases: 5 })];
    const first = match(pool);
    expect(match(pool)).toEqual(first);
    expect(ids(match([...pool].reverse()))).toEqual(ids(first));
  });

  it('breaks exact ties by a hash of (case, mediator), not by id, so each equal mediator leads equally often', () => {
    const pool = equals(10);
    const leads = new Map<string, number>();
    for (let c = 0; c < 1000; c++) {
      const [best] = match(pool, {}, caseFacts({ caseId: `case-${c}` })).candidates;
      leads.set(best.mediatorId, (leads.get(best.mediatorId) ?? 0) + 1);
    }
    expect(leads.size).toBe(10);
    for (const count of leads.values()) expect(count).toBeGreaterThanOrEqual(60);
    for (const count of leads.values()) expect(count).toBeLessThanOrEqual(140);
  });

  it('ranks equal scores by fewer recent assignments before the hash', () => {
    // With the fairness weight at 0 recent assignments leave the score equal: only the tie-break sees them.
    const pool = [mediator('a', { stats: { assignmentsLast30Days: 0 } }), mediator('b', { stats: { assignmentsLast30Days: 0 } })];
    const result = match(pool, { weights: { fairness: 0 } });
    const hashes = result.candidates.map((c) => c.explanation.tieBreak.hash);
    expect(hashes[0]).toBeLessThan(hashes[1]);
    const busier = match([mediator('a', { stats: { assignmentsLast30Days: 5 } }), mediator('b', { stats: { assignmentsLast30Days: 1 } })], { weights: { fairness: 0 } });
    expect(ids(busier)).toEqual(['b', 'a']);
  });

  it('shares 1,000 cases fairly among 10 equally good mediators', () => {
    const pool = equals(10);
    const byId = new Map(pool.map((m) => [m.id, m]));
    const CLOSE_AFTER = 25; // each case closes 25 assignments later: ~3 open cases each, capacity never binds
    const WINDOW = 300; // "the last 30 days" as the last 300 assignments
    const picks: string[] = [];
    for (let t = 0; t < 1000; t++) {
      if (t >= CLOSE_AFTER) byId.get(picks[t - CLOSE_AFTER])!.openCases--;
      if (t >= WINDOW) byId.get(picks[t - WINDOW])!.stats.assignmentsLast30Days--;
      const result = match(pool, {}, caseFacts({ caseId: `case-${t}` }));
      expect(result.excluded).toEqual([]);
      const chosen = byId.get(result.candidates[0].mediatorId)!;
      chosen.openCases++;
      chosen.stats.assignmentsLast30Days++;
      picks.push(chosen.id);
    }
    const counts = pool.map((m) => picks.filter((id) => id === m.id).length);
    for (const count of counts) {
      expect(count).toBeGreaterThanOrEqual(90);
      expect(count).toBeLessThanOrEqual(110);
    }
    // Nobody gets two cases while another equal mediator has had none in the round.
    expect(new Set(picks.slice(0, 10)).size).toBe(10);
  });

  // How fast is measured by `npm run bench assignment`, not here: a timed unit test fails on a loaded machine.
  it('ranks thousands of candidates: the limit keeps the best, in the order of a full ranking', () => {
    const pool = Array.from({ length: 20_000 }, (_, i) =>
      mediator(`m-${i}`, { openCases: i % 9, stats: { assignmentsLast30Days: i % 13, outcomes: { [DisputeType.Patent]: { settled: i % 7, closed: 10 } } } }),
    );
    const top = match(pool, { limit: 20 }).candidates;
    const all = match(pool).candidates;
    expect(top).toHaveLength(20);
    expect(top.map((c) => c.mediatorId)).toEqual(all.slice(0, 20).map((c) => c.mediatorId));
    expect(top.every((c, i) => i === 0 || top[i - 1].score >= c.score)).toBe(true);
  });
});

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

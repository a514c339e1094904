import { PartySide } from '../cases/entities/case-party.entity';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf } from '../common/hashing/hash-algorithm';
import { agreementHash, freezeAgreementVersion, validateAgreement, type AgreementVersion, type FreezeInput, type SettlementAgreementContent } from './agreement-model';

const A = PartySide.Applicant;
const R = PartySide.Respondent;

const content = (): SettlementAgreementContent => ({
  language: 'zh-CN',
  caseNumber: 'ACC-2026-000123',
  parties: [
    {
      partyId: 'p-applicant',
      side: A,
      kind: 'organisation',
      name: '杭州甲科技有限公司',
      idType: 'unified_social_credit_code',
      idNumber: '91330100MA2XXXXXX1',
      legalRepresentative: '张三',
      agents: [{ name: '李律师', lawFirm: '浙江某某律师事务所' }],
    },
    {
      partyId: 'p-respondent',
      side: R,
      kind: 'organisation',
      name: 'Shenzhen B Electronics Co., Ltd.',
      idType: 'unified_social_credit_code',
      idNumber: '91440300MA5XXXXXX2',
      legalRepresentative: '王五',
    },
    { partyId: 'p-respondent-2', side: R, kind: 'person', name: '王小明', idType: 'resident_id_card', idNumber: '330102199001011234' },
  ],
  mediator: { userId: 'u-mediator', name: '赵调解员', organisation: '杭州知识产权调解中心' },
  facts: '被申请人在天猫销售的X200充电器落入申请人专利ZL202310012345.6的保护范围。',
  disputedIssues: ['是否构成侵权', '赔偿数额'],
  result: '被申请人停止销售X200充电器，下架相关链接，并分两期向申请人支付赔偿金300,000元。',
  performance: {
    obligations: [
      {
        id: 'ob-pay',
        kind: 'money',
        obligorSide: R,
        beneficiarySide: A,
        amount: '300000.00',
        currency: 'CNY',
        instalments: [
          { amount: '150000.00', due: { date: '2026-05-15' } },
          { amount: '150000.00', due: { date: '2026-06-15' } },
        ],
        description: '转账至申请人指定账户',
      },
      {
        id: 'ob-delist',
        kind: 'act',
        obligorSide: R,
        beneficiarySide: A,
        obligorPartyIds: ['p-respondent'],
        act: '下架天猫、京东上的X200充电器链接',
        due: { daysAfterEffective: 5 },
      },
    ],
  },
  otherTerms: ['双方对本协议内容保密'],
  confirmsOwnership: false,
});

const FROZEN_AT = new Date('2026-04-20T03:00:00Z');
const freeze = (over: Partial<FreezeInput> = {}) => {
  const result = freezeAgreementVersion({ caseId: 'case-1', version: 1, frozenAt: FROZEN_AT, content: content(), ...over });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
};
const fields = (c: unknown, options = {}) => validateAgreement(c, options).map((e) => `${e.field}:${e.rule}`);
const edit = (f: (c: SettlementAgreementContent & Record<string, unknown>) => void): unknown => {
  const c = structuredClone(content()) as SettlementAgreementContent & Record<string, unknown>;
  f(c);
  return c;
};
type Mutable = Record<string, unknown>;
const obligation = (c: SettlementAgreementContent, i: number) => c.performance.obligations[i] as unknown as Mutable;

describe('settlement agreement model', () => {
  describe('validation', () => {
    it('accepts a complete agreement', () => {
      expect(validateAgreement(content(), { today: '2026-04-20' })).toEqual([]);
    });

    it('needs every part of the required content (特邀 24, PML 29)', () => {
      expect(
        fields({
          language: 'fr',
          caseNumber: '',
          parties: [],
          mediator: {},
          facts: ' ',
          disputedIssues: [],
          result: undefined,
          performance: { obligations: [] },
        }),
      ).toEqual([
        'language:enum',
        'caseNumber:required',
        'parties:min_items',
        'mediator.userId:required',
        'mediator.name:required',
        'facts:required',
        'disputedIssues:min_items',
        'result:required',
        'performance.obligations:min_items',
        'confirmsOwnership:required',
      ]);
      expect(fields(null)).toEqual([':required']);
    });

    it('says how and by when: a schedule without obligations is refused with the reason', () => {
      const errors = validateAgreement(edit((c) => (c.performance = { obligations: [] })));
      expect(errors).toEqual([
        {
          field: 'performance.obligations',
          rule: 'min_items',
          message: 'the agreement must say how and by when it will be performed: list at least one obligation (PML 29)',
        },
      ]);
    });

    it('checks parties: both sides, identities, unique ids, an organisation’s representative', () => {
      expect(
        fields(
          edit((c) => {
            c.parties = [
              { ...c.parties[0], idNumber: '', legalRepresentative: null },
              { ...c.parties[0], side: 'third' as never },
            ];
          }),
        ),
      ).toEqual([
        'parties.0.idNumber:required',
        'parties.0.legalRepresentative:required',
        'parties.1.partyId:unique',
        'parties.1.side:enum',
        'parties:both_sides',
        // The respondent-side obligations now name a party that is gone.
        'performance.obligations.1.obligorPartyIds.0:party',
      ]);
    });

    it('checks obligations: sides, parties, money, instalments and dues', () => {
      const errors = fields(
        edit((c) => {
          Object.assign(obligation(c, 0), {
            beneficiarySide: R,
            instalments: [
              { amount: '150000.00', due: { date: '2026-05-15' } },
              { amount: '149999.99', due: { date: '2026-06-15' } },
            ],
          });
          Object.assign(obligation(c, 1), { obligorPartyIds: ['p-applicant'], due: undefined });
          c.performance = {
            obligations: [
              ...c.performance.obligations,
              { id: 'ob-pay', kind: 'money', obligorSide: R, beneficiarySide: A, amount: '10', currency: 'CNY', due: { date: '2026-05-01' }, instalments: [] },
              { id: 'ob-x', kind: 'barter', obligorSide: R, beneficiarySide: A } as never,
              { id: 'ob-y', kind: 'money', obligorSide: R, beneficiarySide: A, amount: '10.001', currency: 'CNY', due: { date: '2026-05-01' } },
            ],
          };
        }),
      );
      expect(errors).toEqual([
        'performance.obligations.0.beneficiarySide:other_side',
        'performance.obligations.0.instalments:sum',
        'performance.obligations.1.obligorPartyIds.0:party',
        'performance.obligations.1.due:required',
        'performance.obligations.2.id:unique',
        'performance.obligations.2.due:one_of',
        'performance.obligations.3.kind:enum',
        'performance.obligations.4.amount:amount',
      ]);
    });

    it('refuses fixed due dates before the drafting day, and accepts relative ones', () => {
      expect(fields(content(), { today: '2026-05-16' })).toEqual(['performance.obligations.0.instalments.0.due.date:not_past']);
      expect(fields(content(), { today: '2026-05-15' })).toEqual([]);
    });

    it('needs the 确权 flag to be set explicitly', () => {
      expect(fields(edit((c) => delete (c as Mutable).confirmsOwnership))).toEqual(['confirmsOwnership:required']);
      expect(fields(edit((c) => (c.confirmsOwnership = true)))).toEqual([]);
    });
  });

  describe('freezing and hashing', () => {
    it('freezes a valid version deeply and returns its hash', () => {
      const { version, hash } = freeze();
      expect(version).toMatchObject({ caseId: 'case-1', version: 1, hashAlgorithm: 'sha256', documentHash: null });
      expect(Object.isFrozen(version)).toBe(true);
      expect(Object.isFrozen(version.content.performance.obligations[0])).toBe(true);
      expect(() => {
        (version.content as unknown as Mutable).result = 'changed';
      }).toThrow(TypeError);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(agreementHash(version)).toBe(hash);
    });

    it('hashes the canonical JSON of the frozen version with the common hashing', () => {
      const { version, hash } = freeze();
      const expected = hashOf(
        'sha256',
        canonicalJson({
          schema: 'accord.settlement-agreement/1',
          alg: 'sha256',
          caseId: 'case-1',
          version: 1,
          frozenAt: FROZEN_AT,
          documentHash: null,
          content: content(),
        }),
      );
      expect(hash).toBe(expected);
      expect(agreementHash(version)).toBe(expected);
    });

    it('does not depend on key order or undefined members', () => {
      const { hash } = freeze();
      const shuffled = JSON.parse(JSON.stringify(content()), (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ) as SettlementAgreementContent;
      expect(freeze({ content: { ...shuffled, otherTerms: shuffled.otherTerms, extra: undefined } as never }).hash).toBe(hash);
    });

    it('changes with any change of content, version, case, time, document or algorithm', () => {
      const { hash } = freeze();
      const variants = [
        freeze({ content: { ...content(), confirmsOwnership: true } }).hash,
        freeze({ content: edit((c) => (obligation(c, 1).act = '下架天猫上的X200充电器链接')) as SettlementAgreementContent }).hash,
        freeze({ version: 2 }).hash,
        freeze({ caseId: 'case-2' }).hash,
        freeze({ frozenAt: new Date(FROZEN_AT.getTime() + 1) }).hash,
        freeze({ documentHash: 'a'.repeat(64) }).hash,
        freeze({ hashAlgorithm: 'sm3' }).hash,
      ];
      expect(new Set([hash, ...variants]).size).toBe(variants.length + 1);
    });

    it('refuses to freeze an invalid agreement, version number or document hash', () => {
      expect(freezeAgreementVersion({ caseId: 'c', version: 0, frozenAt: FROZEN_AT, content: content(), documentHash: 'XYZ' })).toEqual({
        ok: false,
        errors: [
          { field: 'version', rule: 'range', message: 'version must be a whole number from 1' },
          { field: 'documentHash', rule: 'hash', message: 'documentHash must be 64 lower-case hex digits' },
        ],
      });
      expect(freezeAgreementVersion({ caseId: '', version: 1, frozenAt: new Date(Number.NaN), content: content() })).toMatchObject({
        ok: false,
        errors: [{ field: 'caseId' }, { field: 'frozenAt' }],
      });
      const invalid = freezeAgreementVersion({ caseId: 'c', version: 1, frozenAt: FROZEN_AT, content: { ...content(), facts: '' } });
      expect(invalid).toMatchObject({ ok: false, errors: [{ field: 'facts', rule: 'required' }] });
      const past = freezeAgreementVersion({ caseId: 'c', version: 1, frozenAt: FROZEN_AT, content: content(), validation: { today: '2026-06-01' } });
      expect(past.ok).toBe(false);
    });

    it('leaves the caller’s content untouched', () => {
      const mine = content();
      freeze({ content: mine });
      expect(Object.isFrozen(mine)).toBe(false);
    });

    it('refuses an unknown algorithm when hashing', () => {
      const { version } = freeze();
      expect(() => agreementHash({ ...version, hashAlgorithm: 'md5' } as unknown as AgreementVersion)).toThrow(/unsupported/);
    });
  });
});

// Over 300 lines on purpose: the whole matching rule (eligibility, conflicts, ranking and the explanation
// an administrator reads) as one pure module, read top to bottom; its parts only make sense together.
import type { CaseFacts } from './case-facts';
import { createConflictScreen, type OrganisationParents } from './conflict-screen';
import type { Accreditation, MediatorProfile, Seniority } from './mediator-profile';
import type { Track, TriageResult } from './triage';

/**
 * The matcher: which mediators may take a case, and in which order to offer it (docs/procedural-rules.md A4:
 * the platform designates a mediator; on a decline or three working days of silence the next
 * one is offered). Pure: the assignment service loads the candidates (a database pre-filter on
 * dispute type, language and court), calls this, and stores the ranking with its explanation
 * so that an administrator can later see why each mediator was or was not chosen.
 *
 * Hard filters come first; a mediator who fails one is listed in `excluded` with the first
 * reason found. The others are scored, and ranked by score, then by fewer recent assignments,
 * then by a hash of (case, mediator): equally good mediators share the work instead of the
 * one with the smallest id taking every tie.
 *
 * Cost: O(n) filtering and scoring into typed arrays plus an O(n log n) sort; per candidate
 * nothing is allocated except an exclusion's reason or a returned candidate's explanation.
 */

export enum HardFilter {
  /** Declined this case, or let an earlier offer of it expire (docs/procedural-rules.md A4). */
  NotExcluded = 'not_excluded',
  Available = 'available',
  DisputeType = 'dispute_type',
  Language = 'language',
  Seniority = 'seniority',
  ServesCourtOrOrganisation = 'serves_court_or_organisation',
  Accreditation = 'accreditation',
  Capacity = 'capacity',
  /** docs/procedural-rules.md A5 (特邀 16): no earlier role in the same dispute. */
  NoPriorInvolvement = 'no_prior_involvement',
  /** docs/procedural-rules.md A5 (OMR 13, 特邀 15). */
  NoConflictOfInterest = 'no_conflict_of_interest',
}

/** How much each part of the score counts; parts are each in [0, 1]. */
export interface MatchWeights {
  /** Dispute type, technical field, jurisdictions. */
  expertise: number;
  /** 1 − open cases / capacity: no mediator should drown. */
  workload: number;
  /** Settlement rate in this dispute type, pulled towards a prior. */
  successRate: number;
  /** Fewer assignments in the last 30 days ranks higher. */
  fairness: number;
}

export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  expertise: 0.4,
  workload: 0.25,
  successRate: 0.2,
  fairness: 0.15,
});

export interface MatchRules {
  /** Lowest seniority that may take each track. */
  minSeniority: Readonly<Record<Track, Seniority>>;
  /**
   * A language every mediator of a foreign-element case must speak besides the case language
   * (documents, a foreign party's representatives); null to require only the case's languages.
   */
  foreignElementLanguage: string | null;
  /**
   * Success rate = (settled + rate × strength) / (closed + strength): a Beta prior, so a new
   * mediator starts at the platform's rate instead of zero, and a few lucky cases do not
   * outrank a long record. The default rate is the Hangzhou platform's first-year 22.2 %.
   */
  successPrior: Readonly<{ rate: number; strength: number }>;
  /** Recent assignments at which the fairness part falls to 0.5 (value = h / (h + recent)). */
  fairnessHalfLoad: number;
  /** How far a party's corporate group extends (see createConflictScreen). */
  corporateGroupLevels: number;
  /** Shares of the expertise part; normalised by their sum. */
  expertiseMix: Readonly<{ disputeType: number; technicalField: number; jurisdiction: number }>;
}

export const DEFAULT_MATCH_RULES: Readonly<MatchRules> = Object.freeze({
  minSeniority: Object.freeze({ fast: 1, standard: 2, complex: 3 } as const),
  foreignElementLanguage: 'en',
  successPrior: Object.freeze({ rate: 0.222, strength: 10 }),
  fairnessHalfLoad: 10,
  corporateGroupLevels: 2,
  expertiseMix: Object.freeze({ disputeType: 0.5, technicalField: 0.4, jurisdiction: 0.1 }),
});

/**
 * Credit for a technical field by how deep two IPC codes agree: same section (G), class (G06)
 * or subclass (G06F). Groups below the subclass are not compared: a subclass is already one
 * technology a mediator can claim to know. A specialist thus beats a broad declaration ('G06').
 * Nice classes (and any code starting with a digit) match only exactly.
 */
export const IPC_LEVEL_CREDIT: readonly [none: number, section: number, cls: number, subclass: number] = Object.freeze([0, 0.25, 0.6, 1]);

export interface MatchOptions {
  /** The decision time: leave is judged against it, never against the clock. */
  at: Date;
  /** Mediators who declined this case or let an offer of it expire (docs/procedural-rules.md A4). */
  excludeMediatorIds?: Iterable<string>;
  /** Child → parent organisation ids covering at least the parties' and mediators' organisations. */
  organisationParents?: OrganisationParents;
  /** Accreditations every candidate must hold (e.g. a court's rule for its referrals). */
  requiredAccreditations?: readonly Accreditation[];
  weights?: Partial<MatchWeights>;
  rules?: Partial<MatchRules>;
  /** How many ranked candidates to return with explanations (default: all eligible). */
  limit?: number;
}

export type ScorePartName = keyof MatchWeights;

export interface ScorePart {
  weight: number;
  /** In [0, 1]. */
  value: number;
  /** weight × value: the parts' contributions add up to the score. */
  contribution: number;
  detail: string;
}

export interface FilterCheck {
  filter: HardFilter;
  check: string;
}

/** Stored with the decision and shown to administrators. */
export interface MatchExplanation {
  track: Track;
  /** The same for every candidate of one decision (they all passed every filter). */
  filtersPassed: readonly FilterCheck[];
  parts: Record<ScorePartName, ScorePart>;
  /** Used only between equal scores: fewer recent assignments first, then the lower hash. */
  tieBreak: { recentAssignments: number; hash: number };
}

export interface RankedCandidate {
  mediatorId: string;
  score: number;
  explanation: MatchExplanation;
}

export interface Exclusion {
  mediatorId: string;
  filter: HardFilter;
  reason: string;
}

export interface MatchResult {
  /** Best first. */
  candidates: RankedCandidate[];
  /** Every mediator passed in that failed a filter, in input order. */
  excluded: Exclusion[];
}

/** The decision's context, computed once per call so the per-candidate loop only reads it. */
interface Context {
  facts: CaseFacts;
  track: Track;
  atMs: number;
  excludedIds: ReadonlySet<string>;
  languages: readonly string[];
  minSeniority: Seniority;
  accreditations: readonly Accreditation[];
  disputeKeys: ReadonlySet<string>;
  technicalFields: readonly string[];
  jurisdictions: readonly string[];
  weights: MatchWeights;
  rules: MatchRules;
  mixTotal: number;
}

/**
 * Ranks the mediators who may take the case and says why each other one may not. `triage` is
 * the case's triage result (only its track is read). Pure and deterministic: the same facts,
 * profiles and options give the same ranking.
 */
export function matchMediators(facts: CaseFacts, triage: Pick<TriageResult, 'track'>, mediators: readonly MediatorProfile[], options: MatchOptions): MatchResult {
  const ctx = context(facts, triage.track, options);
  const screen = createConflictScreen(facts, {
    organisationParents: options.organisationParents,
    corporateGroupLevels: ctx.rules.corporateGroupLevels,
  });

  const n = mediators.length;
  const eligible = new Uint32Array(n);
  const key = new Float64Array(n);
  const hash = new Uint32Array(n);
  const excluded: Exclusion[] = [];
  let count = 0;

  for (let i = 0; i < n; i++) {
    const m = mediators[i];
    const failed = firstFailure(m, ctx);
    if (failed !== undefined) {
      excluded.push({ mediatorId: m.id, filter: failed, reason: reasonFor(failed, m, ctx) });
      continue;
    }
    const conflict = screen(m);
    if (conflict !== undefined) {
      excluded.push({ mediatorId: m.id, filter: HardFilter.NoConflictOfInterest, reason: `conflict of interest: ${conflict}` });
      continue;
    }
    const w = ctx.weights;
    const score = w.expertise * expertiseValue(m, ctx) + w.workload * workloadValue(m) + w.successRate * successValue(m, ctx) + w.fairness * fairnessValue(m, ctx);
    // Rounded so that float noise never decides between mediators whose inputs are equal.
    key[i] = Math.round(score * 1e9) / 1e9;
    hash[i] = tieBreakHash(facts.caseId, m.id);
    eligible[count++] = i;
  }

  const order = eligible
    .subarray(0, count)
    .sort(
      (a, b) =>
        key[b] - key[a] ||
        recentOf(mediators[a]) - recentOf(mediators[b]) ||
        hash[a] - hash[b] ||
        (mediators[a].id < mediators[b].id ? -1 : mediators[a].id > mediators[b].id ? 1 : 0),
    );

  const limit = Math.min(count, options.limit ?? count);
  const filtersPassed = Object.freeze(describeFilters(ctx));
  const candidates: RankedCandidate[] = new Array<RankedCandidate>(limit);
  for (let r = 0; r < limit; r++) {
    const i = order[r];
    const m = mediators[i];
    const parts = explainParts(m, ctx);
    candidates[r] = {
      mediatorId: m.id,
      score: round(key[i], 6),
      explanation: { track: ctx.track, filtersPassed, parts, tieBreak: { recentAssignments: recentOf(m), hash: hash[i] } },
    };
  }
  return { candidates, excluded };
}

function context(facts: CaseFacts, track: Track, options: MatchOptions): Context {
  const weights = { ...DEFAULT_MATCH_WEIGHTS, ...options.weights };
  const rules = { ...DEFAULT_MATCH_RULES, ...options.rules };
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`match weight ${name} must be a finite number ≥ 0`);
  }
  if (!(weights.expertise + weights.workload + weights.successRate + weights.fairness > 0)) {
    throw new RangeError('at least one match weight must be positive');
  }
  const { rate, strength } = rules.successPrior;
  if (!(rate >= 0 && rate <= 1) || !(strength > 0)) throw new RangeError('successPrior needs 0 ≤ rate ≤ 1 and strength > 0');
  if (!(rules.fairnessHalfLoad > 0)) throw new RangeError('fairnessHalfLoad must be positive');
  const mix = rules.expertiseMix;
  const mixTotal = mix.disputeType + mix.technicalField + mix.jurisdiction;
  if (!(mix.disputeType >= 0 && mix.technicalField >= 0 && mix.jurisdiction >= 0 && mixTotal > 0)) {
    throw new RangeError('expertiseMix shares must be ≥ 0 with a positive sum');
  }
  const minSeniority = rules.minSeniority[track];
  if (minSeniority === undefined) throw new RangeError(`unknown track "${String(track)}"`);
  if (!(options.at instanceof Date) || Number.isNaN(options.at.getTime())) throw new TypeError('options.at must be a valid Date');
  if (options.limit !== undefined && !(options.limit >= 0)) throw new RangeError('limit must be ≥ 0');

  const languages = [facts.language, ...(facts.additionalLanguages ?? [])];
  if (facts.foreignElement && rules.foreignElementLanguage) languages.push(rules.foreignElementLanguage);
  const disputeKeys = new Set<string>(facts.disputeKeys ?? []);
  disputeKeys.add(facts.caseId);
  return {
    facts,
    track,
    atMs: options.at.getTime(),
    excludedIds: new Set(options.excludeMediatorIds ?? []),
    languages: [...new Set(languages)],
    minSeniority,
    accreditations: options.requiredAccreditations ?? [],
    disputeKeys,
    technicalFields: facts.technicalFields ?? [],
    jurisdictions: [...new Set(facts.jurisdictions ?? [])],
    weights,
    rules,
    mixTotal,
  };
}

// ── Hard filters ────────────────────────────────────────────────────────────────────────────

/** The first filter the mediator fails, cheapest first; the conflict screen runs after. */
function firstFailure(m: MediatorProfile, ctx: Context): HardFilter | undefined {
  if (ctx.excludedIds.has(m.id)) return HardFilter.NotExcluded;
  if (!m.active || onLeave(m, ctx.atMs)) return HardFilter.Available;
  if (!m.expertise.disputeTypes.includes(ctx.facts.disputeType)) return HardFilter.DisputeType;
  if (missingLanguage(m, ctx) !== undefined) return HardFilter.Language;
  if (m.seniority < ctx.minSeniority) return HardFilter.Seniority;
  const { referringCourtId, organisationId } = ctx.facts;
  if (referringCourtId && !m.courtIds.includes(referringCourtId)) return HardFilter.ServesCourtOrOrganisation;
  if (organisationId && !m.organisationIds.includes(organisationId)) return HardFilter.ServesCourtOrOrganisation;
  if (missingAccreditation(m, ctx) !== undefined) return HardFilter.Accreditation;
  if (!(m.openCases < m.capacity)) return HardFilter.Capacity;
  if (priorInvolvement(m, ctx) !== undefined) return HardFilter.NoPriorInvolvement;
  return undefined;
}

function onLeave(m: MediatorProfile, atMs: number): boolean {
  if (!m.onLeaveUntil || m.onLeaveUntil.getTime() <= atMs) return false;
  return !m.onLeaveFrom || m.onLeaveFrom.getTime() <= atMs;
}

function missingLanguage(m: MediatorProfile, ctx: Context): string | undefined {
  for (const language of ctx.languages) if (!m.languages.includes(language)) return language;
  return undefined;
}

function missingAccreditation(m: MediatorProfile, ctx: Context): Accreditation | undefined {
  for (const accreditation of ctx.accreditations) if (!m.accreditations.includes(accreditation)) return accreditation;
  return undefined;
}

function priorInvolvement(m: MediatorProfile, ctx: Context): MediatorProfile['pastInvolvement'][number] | undefined {
  for (const p of m.pastInvolvement) {
    if ((p.caseId && ctx.disputeKeys.has(p.caseId)) || (p.disputeKey && ctx.disputeKeys.has(p.disputeKey))) return p;
  }
  return undefined;
}

/** Built only for an excluded mediator. */
function reasonFor(filter: HardFilter, m: MediatorProfile, ctx: Context): string {
  const f = ctx.facts;
  switch (filter) {
    case HardFilter.NotExcluded:
      return 'declined this case or let an earlier offer of it expire';
    case HardFilter.Available:
      return m.active ? `on leave until ${m.onLeaveUntil?.toISOString()}` : 'inactive';
    case HardFilter.DisputeType:
      return `does not handle ${f.disputeType} disputes`;
    case HardFilter.Language: {
      const language = missingLanguage(m, ctx);
      const why =
        language === ctx.facts.language
          ? 'the case language'
          : language === ctx.rules.foreignElementLanguage && f.foreignElement
            ? 'required for foreign-element cases'
            : 'needed by a party';
      return `does not speak ${language} (${why})`;
    }
    case HardFilter.Seniority:
      return `seniority ${m.seniority} is below the ${ctx.minSeniority} the ${ctx.track} track needs`;
    case HardFilter.ServesCourtOrOrganisation:
      return f.referringCourtId && !m.courtIds.includes(f.referringCourtId)
        ? `not on the roster of the referring court ${f.referringCourtId}`
        : `does not serve the organisation ${f.organisationId}`;
    case HardFilter.Accreditation:
      return `lacks the ${missingAccreditation(m, ctx)} accreditation`;
    case HardFilter.Capacity:
      return `at capacity: ${m.openCases} open cases of ${m.capacity}`;
    case HardFilter.NoPriorInvolvement: {
      const p = priorInvolvement(m, ctx);
      const matched = p?.caseId && ctx.disputeKeys.has(p.caseId) ? p.caseId : p?.disputeKey;
      const where = matched === f.caseId ? 'this case' : `the same dispute (${matched})`;
      return `acted as ${p?.role} in ${where}; may not also mediate it (rule A5)`;
    }
    case HardFilter.NoConflictOfInterest:
      return 'conflict of interest';
  }
}

/** What every candidate passed, said once per decision. */
function describeFilters(ctx: Context): FilterCheck[] {
  const f = ctx.facts;
  const serves = [
    f.referringCourtId ? `on the roster of the referring court ${f.referringCourtId}` : undefined,
    f.organisationId ? `serves the organisation ${f.organisationId}` : undefined,
  ].filter((s) => s !== undefined);
  return [
    { filter: HardFilter.NotExcluded, check: ctx.excludedIds.size ? `not among the ${ctx.excludedIds.size} who declined or let an offer expire` : 'no one excluded' },
    { filter: HardFilter.Available, check: `active and not on leave at ${new Date(ctx.atMs).toISOString()}` },
    { filter: HardFilter.DisputeType, check: `handles ${f.disputeType} disputes` },
    { filter: HardFilter.Language, check: `speaks ${ctx.languages.join(' and ')}` },
    { filter: HardFilter.Seniority, check: `seniority ≥ ${ctx.minSeniority} for the ${ctx.track} track` },
    { filter: HardFilter.ServesCourtOrOrganisation, check: serves.length ? serves.join('; ') : 'no court or organisation required' },
    { filter: HardFilter.Accreditation, check: ctx.accreditations.length ? `holds ${ctx.accreditations.join(', ')}` : 'no accreditation required' },
    { filter: HardFilter.Capacity, check: 'fewer open cases than capacity' },
    { filter: HardFilter.NoPriorInvolvement, check: 'no earlier role (juror, judge, agent, witness, expert, translator) in this dispute (rule A5)' },
    { filter: HardFilter.NoConflictOfInterest, check: 'no declared relationship with a party, an agent, a law firm or their corporate groups (rule A5)' },
  ];
}

// ── Score parts, each in [0, 1] ─────────────────────────────────────────────────────────────

function expertiseValue(m: MediatorProfile, ctx: Context): number {
  const mix = ctx.rules.expertiseMix;
  // The dispute type is already a hard filter, so its share is earned by every candidate.
  return (mix.disputeType + mix.technicalField * technicalFit(m, ctx) + mix.jurisdiction * jurisdictionCoverage(m, ctx)) / ctx.mixTotal;
}

/** Mean over the case's fields of the best credit any of the mediator's fields earns. */
function technicalFit(m: MediatorProfile, ctx: Context): number {
  const fields = ctx.technicalFields;
  if (fields.length === 0) return 0;
  let sum = 0;
  for (const field of fields) sum += bestFieldCredit(field, m.expertise.technicalFields);
  return sum / fields.length;
}

function bestFieldCredit(caseField: string, mediatorFields: readonly string[]): number {
  let best = 0;
  for (const field of mediatorFields) {
    const credit = fieldCredit(caseField, field);
    if (credit > best) best = credit;
  }
  return best;
}

/** See IPC_LEVEL_CREDIT. Compares characters in place: no substring is made. */
export function fieldCredit(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (isDigit(a.charCodeAt(0)) || isDigit(b.charCodeAt(0))) return a === b ? 1 : 0;
  let depth = 0;
  if (a.charCodeAt(0) === b.charCodeAt(0)) {
    depth = 1;
    if (a.length >= 3 && b.length >= 3 && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2)) {
      depth = 2;
      if (a.length >= 4 && b.length >= 4 && a.charCodeAt(3) === b.charCodeAt(3)) depth = 3;
    }
  }
  return IPC_LEVEL_CREDIT[depth];
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Share of the case's legal systems the mediator knows; a case that names none asks nothing. */
function jurisdictionCoverage(m: MediatorProfile, ctx: Context): number {
  const wanted = ctx.jurisdictions;
  if (wanted.length === 0) return 1;
  let known = 0;
  for (const j of wanted) if (m.jurisdictions.includes(j)) known++;
  return known / wanted.length;
}

function workloadValue(m: MediatorProfile): number {
  return 1 - Math.max(0, m.openCases) / m.capacity;
}

function successValue(m: MediatorProfile, ctx: Context): number {
  const { rate, strength } = ctx.rules.successPrior;
  const o = m.stats.outcomes[ctx.facts.disputeType];
  const closed = Math.max(0, o?.closed ?? 0);
  const settled = Math.min(closed, Math.max(0, o?.settled ?? 0));
  return (settled + rate * strength) / (closed + strength);
}

function fairnessValue(m: MediatorProfile, ctx: Context): number {
  const half = ctx.rules.fairnessHalfLoad;
  return half / (half + recentOf(m));
}

const recentOf = (m: MediatorProfile): number => Math.max(0, m.stats.assignmentsLast30Days);

/** Built only for returned candidates. */
function explainParts(m: MediatorProfile, ctx: Context): Record<ScorePartName, ScorePart> {
  const f = ctx.facts;
  const w = ctx.weights;
  const part = (weight: number, value: number, detail: string): ScorePart => ({
    weight,
    value: round(value, 4),
    contribution: round(weight * value, 6),
    detail,
  });

  const fields = ctx.technicalFields.length
    ? ctx.technicalFields
        .map((field) => {
          let best = 0;
          let by = 'none';
          for (const mine of m.expertise.technicalFields) {
            const credit = fieldCredit(field, mine);
            if (credit > best) [best, by] = [credit, mine];
          }
          return `${field} ~ ${by} (${best.toFixed(2)})`;
        })
        .join(', ')
    : 'none given by the case';
  const jurisdictions = ctx.jurisdictions.length ? `${ctx.jurisdictions.filter((j) => m.jurisdictions.includes(j)).length} of ${ctx.jurisdictions.join('/')} known` : 'none asked';

  const o = m.stats.outcomes[f.disputeType];
  const { rate, strength } = ctx.rules.successPrior;
  const recent = recentOf(m);
  return {
    expertise: part(w.expertise, expertiseValue(m, ctx), `handles ${f.disputeType}; technical fields: ${fields}; jurisdictions: ${jurisdictions}`),
    workload: part(w.workload, workloadValue(m), `${m.openCases} open cases of ${m.capacity}`),
    successRate: part(
      w.successRate,
      successValue(m, ctx),
      `${o?.settled ?? 0} settled of ${o?.closed ?? 0} closed ${f.disputeType} cases, with a prior of ${rate} over ${strength} cases`,
    ),
    fairness: part(w.fairness, fairnessValue(m, ctx), `${recent} assignment${recent === 1 ? '' : 's'} in the last 30 days`),
  };
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/**
 * A stable 32-bit hash of (case, mediator): FNV-1a over both ids, then MurmurHash3's finaliser
 * so that ids differing only in their last characters still spread. It orders equal candidates
 * differently for each case, so over many cases every equal mediator comes first equally often,
 * and replaying a decision gives the same order.
 */
export function tieBreakHash(caseId: string, mediatorId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) h = Math.imul(h ^ caseId.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x1f, 0x01000193); // a separator: ('ab','c') ≠ ('a','bc')
  for (let i = 0; i < mediatorId.length; i++) h = Math.imul(h ^ mediatorId.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

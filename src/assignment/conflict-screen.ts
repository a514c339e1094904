import type { CaseFacts } from './case-facts';
import type { MediatorProfile, OrganisationRelationship } from './mediator-profile';

/**
 * The conflict-of-interest screen run before a case is offered (docs/procedural-rules.md A5: conflicts must be
 * disclosed, OMR 13, and a conflicted mediator recuses, 特邀 15). It is its own function because
 * the automatic matcher, a manual assignment by an administrator and the parties' joint
 * nomination must all pass the same screen.
 *
 * A mediator is conflicted with a case when they are a party or agent themselves, or declared a
 * relationship with a party, an agent, an agent's law firm, or a company in a party's corporate
 * group. The group is what a relationship with one company really touches: every parent above a
 * party (they control it and gain from the outcome), and the companies under a parent up to
 * `corporateGroupLevels` above the party (siblings at 1, cousins at 2) as well as the party's
 * own subsidiaries. The breadth is bounded because deep roots (a state holding entity above
 * hundreds of unrelated companies) would otherwise pull everything into one group.
 */

/** Child organisation id → parent organisation id (organisations.parent_id). */
export type OrganisationParents = ReadonlyMap<string, string | null | undefined>;

export interface ConflictScreenOptions {
  organisationParents?: OrganisationParents;
  /** How many levels above a party its group extends downwards (default in MatchRules: 2). */
  corporateGroupLevels: number;
}

/** Returns why the mediator is conflicted, or undefined when no conflict is known. */
export type ConflictScreen = (mediator: Pick<MediatorProfile, 'id' | 'relationships'>) => string | undefined;

/** Parent chains longer than this are bad data (a cycle); stop rather than loop. */
const MAX_GROUP_DEPTH = 32;

const NO_PARENTS: OrganisationParents = new Map();

interface GroupTarget {
  /** 0: the party's (or law firm's) own organisation; k: its k-th parent. */
  level: number;
  /** Whose group it is, for people: 'respondent 某某科技有限公司'. */
  of: string;
}

/**
 * Builds the screen for one case. The case's side is indexed once (its organisations with
 * their parents, its names, its users) so that screening each candidate costs only lookups and
 * allocates nothing unless it finds a conflict.
 */
export function createConflictScreen(facts: Pick<CaseFacts, 'parties' | 'agents'>, options: ConflictScreenOptions): ConflictScreen {
  const parents = options.organisationParents ?? NO_PARENTS;
  const groupLevels = options.corporateGroupLevels;
  if (!Number.isInteger(groupLevels) || groupLevels < 0) throw new RangeError('corporateGroupLevels must be an integer ≥ 0');

  const targets = new Map<string, GroupTarget>();
  const addGroup = (organisationId: string, of: string) => {
    let id: string | null | undefined = organisationId;
    for (let level = 0; id && level <= MAX_GROUP_DEPTH; level++) {
      const known = targets.get(id);
      if (!known || known.level > level) targets.set(id, { level, of });
      id = parents.get(id);
    }
  };
  const names: { name: string; of: string }[] = [];
  const users = new Map<string, string>();

  for (const party of facts.parties) {
    const of = `${party.side} ${party.name}`;
    if (party.organisationId) addGroup(party.organisationId, of);
    if (party.userId) users.set(party.userId, of);
    names.push({ name: party.name, of });
  }
  for (const agent of facts.agents ?? []) {
    const of = `the ${agent.side}'s agent ${agent.name}`;
    if (agent.userId) users.set(agent.userId, of);
    names.push({ name: agent.name, of });
    const firm = `${agent.lawFirmName ?? 'the law firm'} of ${of}`;
    if (agent.lawFirmOrganisationId) addGroup(agent.lawFirmOrganisationId, firm);
    if (agent.lawFirmName) names.push({ name: agent.lawFirmName, of: firm });
  }

  const namedIn = (name: string): string | undefined => {
    for (const n of names) if (sameName(n.name, name)) return n.of;
    return undefined;
  };

  return (mediator) => {
    const self = users.get(mediator.id);
    if (self) return `the mediator is ${self}`;

    for (const rel of mediator.relationships.organisations) {
      const direct = targets.get(rel.organisationId);
      if (direct) return `${declared(rel)}: ${direct.level === 0 ? direct.of : `${parentWord(direct.level)} ${direct.of}`}`;
      // Not a party's company or one above it: is it below one, within the group's breadth?
      let id = parents.get(rel.organisationId);
      for (let up = 1; id && up <= MAX_GROUP_DEPTH; up++) {
        const target = targets.get(id);
        if (target && target.level <= groupLevels) {
          return target.level === 0
            ? `${declared(rel)}: a subsidiary of ${target.of}`
            : `${declared(rel)}: in the corporate group of ${target.of} (under ${id}, its parent${target.level === 1 ? '' : ` ${target.level} levels up`})`;
        }
        id = parents.get(id);
      }
      const byName = rel.name ? namedIn(rel.name) : undefined;
      if (byName) return `${declared(rel)}: same name as ${byName}`;
    }

    for (const person of mediator.relationships.people) {
      const byName = namedIn(person.name);
      if (byName) return `declared ${person.kind} relationship with ${person.name}: ${byName}`;
    }
    return undefined;
  };
}

const declared = (rel: OrganisationRelationship): string =>
  `declared ${rel.kind.replaceAll('_', ' ')} relationship with organisation ${rel.organisationId}${rel.name ? ` (${rel.name})` : ''}`;

const parentWord = (level: number): string => (level === 1 ? 'the parent company of' : `a parent company ${level} levels above`);

/**
 * Names compared as people write them: spaces ignored, ASCII letters case-folded, full-width
 * forms (（）ＡＢＣ) read as their ASCII twins. Character by character, so nothing is allocated.
 */
export function sameName(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  let compared = 0;
  for (;;) {
    while (i < a.length && isSpace(a.charCodeAt(i))) i++;
    while (j < b.length && isSpace(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length && compared > 0;
    if (fold(a.charCodeAt(i)) !== fold(b.charCodeAt(j))) return false;
    i++;
    j++;
    compared++;
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x3000 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;

function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

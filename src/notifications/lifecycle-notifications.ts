import type { Transition } from '../cases/lifecycle/case-lifecycle';
import { argumentList, parseEffect } from '../cases/lifecycle/transition-effects';

/**
 * Groups of people around a case. Respondents and their agents count only once the notice of
 * mediation has been served on them (as in the access policy): before that they may not even
 * know of the case.
 */
export enum Audience {
  ApplicantSide = 'applicant_side',
  RespondentSide = 'respondent_side',
  Mediator = 'mediator',
  /** The mediator a case is being offered to: the user id in the event's payload `mediatorId`. */
  OfferedMediator = 'offered_mediator',
  ReferringCourt = 'referring_court',
  ConfirmingCourt = 'confirming_court',
  /** Intake review and manual assignment: the platform's administrators. */
  Intake = 'intake',
}

const A = Audience;
const PARTIES = [A.ApplicantSide, A.RespondentSide];
/** Names for groups in the table's `notify:` arguments. */
const GROUPS: Readonly<Record<string, readonly Audience[]>> = {
  parties: PARTIES,
  /** Everyone taking part: the parties, the mediator and the referring court. */
  participants: [...PARTIES, A.Mediator, A.ReferringCourt],
};

/**
 * The argument of a `notify:` effect in the transition table (e.g. `parties+referring_court`):
 * who hears about the transition. Throws on a name that is neither an audience nor a group, so
 * the app refuses to start with a misspelt row. The template is the event's own
 * (notification-templates.ts).
 */
export function parseAudiences(argument: string | undefined): Audience[] {
  const audiences = new Set<Audience>();
  for (const name of argumentList(argument)) {
    const group = GROUPS[name] ?? (Object.values(Audience).includes(name as Audience) ? [name as Audience] : undefined);
    if (!group) throw new Error(`"${name}" is not an audience (${[...Object.values(Audience), ...Object.keys(GROUPS)].join(', ')})`);
    group.forEach((a) => audiences.add(a));
  }
  return [...audiences];
}

/** Who the table says hears about a transition: its `notify:` effect, or nobody. */
export function audiencesOf(transition: Transition): Audience[] {
  const notify = transition.effects.map(parseEffect).find((e) => e.handler === 'notify');
  return notify ? parseAudiences(notify.argument) : [];
}

/** An active account and what notifying it needs. */
export interface Recipient {
  id: string;
  email: string | null;
  phone: string | null;
  preferred_language: string;
}

/** The people behind each audience of one case (user ids), as loaded from the database. */
export interface CaseAudiences {
  applicantSide: string[];
  /** Respondents and their agents who have accounts, whether or not they were served yet. */
  respondentSide: string[];
  respondentsServed: boolean;
  mediator: string | null;
  offeredMediator: string | null;
  referringCourtStaff: string[];
  confirmingCourtStaff: string[];
  intake: string[];
  /** What notifying each person above needs, by user id (the mediators aside: they are ids on the case). */
  contacts: ReadonlyMap<string, Recipient>;
}

/**
 * The user ids to notify: the audiences' members, each once, without the person who caused the
 * event. Pure.
 */
export function resolveRecipients(audiences: readonly Audience[], people: CaseAudiences, actorUserId: string | null): string[] {
  const ids = new Set<string>();
  const add = (list: readonly (string | null)[]): void => list.forEach((id) => id && ids.add(id));
  for (const audience of audiences) {
    switch (audience) {
      case Audience.ApplicantSide:
        add(people.applicantSide);
        break;
      case Audience.RespondentSide:
        if (people.respondentsServed) add(people.respondentSide);
        break;
      case Audience.Mediator:
        add([people.mediator]);
        break;
      case Audience.OfferedMediator:
        add([people.offeredMediator]);
        break;
      case Audience.ReferringCourt:
        add(people.referringCourtStaff);
        break;
      case Audience.ConfirmingCourt:
        add(people.confirmingCourtStaff);
        break;
      case Audience.Intake:
        add(people.intake);
        break;
    }
  }
  if (actorUserId) ids.delete(actorUserId);
  return [...ids];
}

export type Channel = 'in_app' | 'email' | 'sms';

/** In-app always; e-mail to anyone with an address; SMS for the urgent templates, to anyone with a number. */
export function channelsFor(recipient: { email: string | null; phone: string | null }, smsWorthy: boolean): Channel[] {
  const channels: Channel[] = ['in_app'];
  if (recipient.email) channels.push('email');
  if (smsWorthy && recipient.phone) channels.push('sms');
  return channels;
}

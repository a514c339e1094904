import type { CaseView } from '../api/generated/types.gen';

export const ROOM_PANELS = ['messages', 'sessions', 'offers', 'bidding', 'period', 'agreement', 'ending'] as const;
export type RoomPanel = (typeof ROOM_PANELS)[number];

/** Who is in the room: the mediator and the parties with their agents. Courts and administrators never are. */
const ROOM_ROLES: readonly CaseView['yourRoles'][number][] = ['mediator', 'applicant', 'respondent', 'applicant_agent', 'respondent_agent'];

export function isInRoom(view: Pick<CaseView, 'yourRoles'>): boolean {
  return view.yourRoles.some((role) => ROOM_ROLES.includes(role));
}

/** What every panel of the room is given. */
export interface RoomPanelProps {
  view: CaseView;
  isMediator: boolean;
}

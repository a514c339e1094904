/** Platform-wide roles (DESIGN.md §5). A person may hold several. */
export enum GlobalRole {
  Party = 'party',
  Mediator = 'mediator',
  CourtClerk = 'court_clerk',
  Judge = 'judge',
  Admin = 'admin',
}

export const GLOBAL_ROLES = Object.values(GlobalRole);

/** Roles a court administrator may grant, for its own court only. */
export const COURT_STAFF_ROLES: readonly GlobalRole[] = [GlobalRole.CourtClerk, GlobalRole.Judge];

export enum Language {
  ZhCN = 'zh-CN',
  En = 'en',
}

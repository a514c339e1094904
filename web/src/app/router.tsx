import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { meQuery } from '../auth/auth-api';
import { STATUS_TABS, type StatusGroup } from '../cases/my-cases-groups';
import type { Session } from '../auth/session';
import { homeOf } from '../auth/use-session';
import { AppShell } from '../shell/AppShell';
import { NotFoundPage, RouteErrorPage } from '../shell/fallback-pages';
import { isStep, type StepKey } from '../filing/application-form';
import { parseQueueSearch } from '../portals/mediator/queue-rules';
import { ROOM_PANELS, type RoomPanel } from '../room/room-panel';
import { REFERRAL_STATUSES, REFERRAL_TYPES, type ReferralFilters } from '../portals/court/referrals/referral-filters';
import { validatePeriodSearch } from '../statistics/period';
import { loadPortalStrings } from '../i18n/i18n';
import { safeRedirect } from './safe-redirect';
import { ADMIN_SECTIONS, ROLES, SECURITY_EVENT_TYPES, type AdminSection, type AdminUserRole, type SecurityEventType } from '../portals/admin/admin-api';

export interface RouterContext {
  queryClient: QueryClient;
  session: Session;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppShell,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

// ── Signed out: auth pages (one lazy chunk each) ───────────────────────────────────────────
export type SignInNotice = 'expired' | 'signed-out-everywhere' | 'password-reset';
const SIGN_IN_NOTICES: readonly SignInNotice[] = ['expired', 'signed-out-everywhere', 'password-reset'];

/** Signed-in people who open an auth page go home instead. */
const leaveIfSignedIn = ({ context }: { context: RouterContext }) => {
  if (context.session.isSignedIn) throw redirect({ to: '/' });
};

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; notice?: SignInNotice } => ({
    redirect: safeRedirect(search.redirect),
    notice: SIGN_IN_NOTICES.find((n) => n === search.notice),
  }),
  beforeLoad: ({ context, search }) => {
    if (context.session.isSignedIn) throw redirect({ to: search.redirect ?? '/' });
  },
  component: lazyRouteComponent(() => import('../auth/SignInPage'), 'SignInPage'),
});

const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'register',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: safeRedirect(search.redirect) }),
  beforeLoad: leaveIfSignedIn,
  component: lazyRouteComponent(() => import('../auth/RegisterPage'), 'RegisterPage'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'forgot-password',
  component: lazyRouteComponent(() => import('../auth/ForgotPasswordPage'), 'ForgotPasswordPage'),
});

/** The link of the password-reset e-mail: `${PUBLIC_URL}/reset-password?token=…` (src/auth/auth.service.ts). */
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) }),
  component: lazyRouteComponent(() => import('../auth/ResetPasswordPage'), 'ResetPasswordPage'),
});

// ── Signed in ─────────────────────────────────────────────────────────────────────────────
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    if (context.session.isSignedIn) return loadPortalStrings();
    const ended = context.session.getSnapshot().endReason;
    throw redirect({
      to: '/sign-in',
      search: { redirect: location.href === '/' ? undefined : location.href, notice: ended === 'expired' ? 'expired' : undefined },
    });
  },
});

/** `/` sends each person to their portal. */
const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    throw redirect({ to: homeOf(me.roles) });
  },
});

const profileRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'profile',
  component: lazyRouteComponent(() => import('../profile/ProfilePage'), 'ProfilePage'),
});

// The parties' portal.
const myCasesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases',
  validateSearch: (search: Record<string, unknown>): { q?: string; status?: StatusGroup } => ({
    q: text(search.q),
    status: STATUS_TABS.find((tab) => tab !== 'all' && tab === search.status),
  }),
  component: lazyRouteComponent(() => import('../cases/MyCasesPage'), 'MyCasesPage'),
});

// ── The case page (feature: case-page) ────────────────────────────────────────────────────
const CASE_TABS = ['overview', 'timeline', 'documents', 'service', 'deadlines'] as const;

/** Every e-mail and notification about a case links here: `${PUBLIC_URL}/cases/{id}`; `?tab=` opens a tab. */
const caseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId',
  validateSearch: (search: Record<string, unknown>): { tab?: (typeof CASE_TABS)[number] } => ({
    tab: CASE_TABS.find((tab) => tab !== 'overview' && tab === search.tab),
  }),
  component: lazyRouteComponent(() => import('../case-page/CasePage'), 'CasePage'),
});

// ── Filing: the application wizard (web/src/filing) ──────────────────────────────────────
const newApplicationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/new',
  component: lazyRouteComponent(() => import('../filing/FilingPages'), 'NewApplicationPage'),
});

/** Continue a draft, or correct an application the intake sent back; `?step=` is the wizard's step. */
const editApplicationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/edit',
  validateSearch: (search: Record<string, unknown>): { step?: StepKey } => ({ step: isStep(search.step) ? search.step : undefined }),
  component: lazyRouteComponent(() => import('../filing/FilingPages'), 'EditApplicationPage'),
});
// ── end of filing ───────────────────────────────────────────────────────────────────────

// ── Notifications, nomination, agents, organisation (notifications-ui) ─────────────────────
const notificationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'notifications',
  component: lazyRouteComponent(() => import('../notifications/InboxPage'), 'InboxPage'),
});

const nominateRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/nominate',
  component: lazyRouteComponent(() => import('../nomination/NominationPage'), 'NominationPage'),
});

const agentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/agents',
  component: lazyRouteComponent(() => import('../agents/AgentsPage'), 'AgentsPage'),
});

const organisationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'organisation',
  component: lazyRouteComponent(() => import('../organisation/OrganisationPage'), 'OrganisationPage'),
});

// ── The respondent's first contact (web/src/respondent) ──────────────────────────────────
/** The link of every served e-mail and SMS: `${PUBLIC_URL}/served/{token}` (src/notifications/deliver-notification.job.ts). Signed in or not. */
const servedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'served/$token',
  // Signed in or not, the landing page speaks the portals' words (the case, its status).
  beforeLoad: () => loadPortalStrings(),
  component: lazyRouteComponent(() => import('../respondent/ServedPage'), 'ServedPage'),
});

/** The respondent's answer: address for service, then agree or decline to mediate. */
const answerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/answer',
  component: lazyRouteComponent(() => import('../respondent/AnswerPage'), 'AnswerPage'),
});
// ── end of the respondent's routes ───────────────────────────────────────────────────────

// ── The mediation room (web/src/room, with panels from web/src/negotiation and web/src/agreement) ──
const roomRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/room',
  validateSearch: (search: Record<string, unknown>): { panel?: RoomPanel } => ({
    panel: ROOM_PANELS.find((panel) => panel !== 'messages' && panel === search.panel),
  }),
  component: lazyRouteComponent(() => import('../room/RoomPage'), 'RoomPage'),
});
// ── end of the mediation room ─────────────────────────────────────────────────────────────

// ── Court referrals: the referred list, one referral, the spreadsheet import (court-referral) ──
const courtReferralsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'court/referrals',
  validateSearch: (search: Record<string, unknown>): ReferralFilters => ({
    q: text(search.q),
    status: REFERRAL_STATUSES.find((s) => s === search.status),
    type: REFERRAL_TYPES.find((type) => type === search.type),
  }),
  component: lazyRouteComponent(() => import('../portals/court/referrals/ReferredCasesPage'), 'ReferredCasesPage'),
});

const courtReferCaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'court/referrals/new',
  component: lazyRouteComponent(() => import('../portals/court/referrals/ReferCasePage'), 'ReferCasePage'),
});

const courtReferralImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'court/referrals/import',
  component: lazyRouteComponent(() => import('../portals/court/referrals/ImportReferralsPage'), 'ImportReferralsPage'),
});
// ── end of court referrals ──────────────────────────────────────────────────────────────────

// ── Signing the agreement (feature: room-agreement, web/src/agreement) ─────────────────────
/** The parties and the mediator read the version being signed and sign it with a one-time code, or refuse. */
const agreementSignRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/agreement/sign',
  component: lazyRouteComponent(() => import('../agreement/SigningPage'), 'SigningPage'),
});
// ── end of signing the agreement ──────────────────────────────────────────────────────────

// ── The statistics dashboard (web/src/statistics) ──────────────────────────────────────────
/** Administrators, court staff and mediators; the API decides whose cases count. ?from=&to= (days), ?court= (admins). */
const statisticsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'statistics',
  validateSearch: validatePeriodSearch,
  component: lazyRouteComponent(() => import('../statistics/StatisticsPage'), 'StatisticsPage'),
});
// ── end of the statistics dashboard ───────────────────────────────────────────────────────

// ── The mediator's work queue (feature: mediator-queue, web/src/portals/mediator) ───────────
/** Offers, my active cases by urgency (?status=&type=&q=&sort= filter and sort them), availability and profile. */
const mediatorRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'mediator',
  validateSearch: parseQueueSearch,
  component: lazyRouteComponent(() => import('../portals/mediator/MediatorHomePage'), 'MediatorHomePage'),
});
// ── end of the mediator's work queue ────────────────────────────────────────────────────

// ── The court portal (court-confirmation, web/src/portals/court) ─────────────────────────────
const courtRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'court',
  validateSearch: (search: Record<string, unknown>): { show?: 'all' } => ({ show: search.show === 'all' ? 'all' : undefined }),
  component: lazyRouteComponent(() => import('../portals/court/CourtHomePage'), 'CourtHomePage'),
});

// ── The court's confirmation desk (court-confirmation; its home, the queue, is courtRoute above) ──
/** The application's court file, with the clerk's and the judge's steps. */
const courtApplicationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'court/applications/$applicationId',
  component: lazyRouteComponent(() => import('../portals/court/ApplicationPage'), 'ApplicationPage'),
});

/** A court's own administrator manages its clerks and judges. */
const courtStaffRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'court/staff',
  component: lazyRouteComponent(() => import('../portals/court/CourtStaffPage'), 'CourtStaffPage'),
});
// ── end of the court's confirmation desk ────────────────────────────────────────────────

// ── The administration portal (admin-portal: web/src/portals/admin) ─────────────────────────
/** `?section=` is the open section; the people list's search and role filter and the security log's kind filter are in the URL too. */
const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'admin',
  validateSearch: (search: Record<string, unknown>): { section?: AdminSection; q?: string; role?: AdminUserRole; type?: SecurityEventType } => ({
    section: ADMIN_SECTIONS.find((s) => s !== 'intake' && s === search.section),
    q: text(search.q),
    role: ROLES.find((r) => r === search.role),
    type: SECURITY_EVENT_TYPES.find((x) => x === search.type),
  }),
  component: lazyRouteComponent(() => import('../portals/admin/AdminHomePage'), 'AdminHomePage'),
});
// ── end of the administration portal ───────────────────────────────────────────────────────

// ── After the agreement takes effect: court confirmation and performance (web/src/after-settlement) ──
/** The parties apply to a court for judicial confirmation, consent, answer the court's requests, read its ruling. */
const confirmationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/confirmation',
  component: lazyRouteComponent(() => import('../after-settlement/ConfirmationPage'), 'ConfirmationPage'),
});

/** The settlement's obligations: reported done with proof, confirmed or disputed, or a default reported. */
const performanceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'cases/$caseId/performance',
  component: lazyRouteComponent(() => import('../after-settlement/PerformancePage'), 'PerformancePage'),
});
// ── end of after the agreement ────────────────────────────────────────────────────────────

const routeTree = rootRoute.addChildren([
  signInRoute,
  registerRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  servedRoute,
  signedInRoute.addChildren([
    homeRoute,
    profileRoute,
    myCasesRoute,
    caseRoute,
    newApplicationRoute,
    editApplicationRoute,
    answerRoute,
    roomRoute,
    agreementSignRoute,
    notificationsRoute,
    nominateRoute,
    agentsRoute,
    organisationRoute,
    mediatorRoute,
    courtRoute,
    courtReferralsRoute,
    courtReferCaseRoute,
    courtReferralImportRoute,
    courtApplicationRoute,
    courtStaffRoute,
    adminRoute,
    statisticsRoute,
    confirmationRoute,
    performanceRoute,
  ]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

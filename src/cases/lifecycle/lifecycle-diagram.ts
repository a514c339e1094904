import { TRANSITIONS } from './case-lifecycle';
import { CaseStatus } from './case-states';

/**
 * One line per effect handler for the legend of docs/lifecycle.md. The handler itself (found by
 * its @TransitionEffect name) is the truth; a unit test fails when a name the table uses is missing here.
 */
export const EFFECT_LEGEND: Readonly<Record<string, string>> = {
  notify: 'tell these audiences (in-app, e-mail, SMS for urgent templates); never the person who acted',
  'deadlines.start': 'start the timer (replacing a running one of the kind)',
  'deadlines.cancel': 'cancel the running timers of these kinds',
  'deadlines.pause': 'pause the timer, keeping what is left',
  'deadlines.resume': 'resume a paused timer with what was left',
  'deadlines.extend': 'extend the timer by the agreed calendar days',
  'serviceOfProcess.serveNoticeOfMediation': '◆ render the notice of mediation and serve it on the respondents',
  'messages.sealTranscripts': '◆ seal the mediation messages into one transcript per channel (by a job after the commit when the closing fires inside another step)',
  'agreements.voidSigningVersion': 'void the version out for signature and its signatures',
  'agreements.fileWithReferringCourt': 'a pre-filing referral (委派): serve the signed agreement on the referring court, filing it there (C14)',
  'sessions.cancelScheduled': 'cancel scheduled mediation sessions',
  'assignment.expireOffer': 'close the lapsed offer to the mediator',
  'assignment.flagForManualAssignment': 'flag the case for administrators to assign by hand',
  'assignment.releaseOutgoingMediator': 'take the case off the outgoing mediator’s load',
  'assignment.releaseMediator': 'take the case off its mediator’s load',
  'assignment.offerNext': 'after commit, offer the case to the next eligible mediator',
  'archive.schedule': 'after commit, seal the case into the tamper-evident archive',
  'period.close': 'end a pause of the mediation period and lapse a pending extension proposal',
  'failureReport.issue': '◆ write the mediation failure report and serve it',
  'confirmation.expireApplication': 'mark the confirmation application withdrawn for want of material',
  'confirmation.markOverdue': 'mark the open confirmation application overdue (to docket, or to decide)',
  'performance.track': 'track the agreement’s obligations, reminders and overdue checks',
  'performance.stopTracking': 'stop tracking the reopened agreement’s schedule',
  'performance.closeIfFulfilled': 'close the case if every obligation was already performed',
  'webhooks.enqueue': 'after commit, send these events, signed and in the case’s order, to the referring court’s subscribed systems',
};

/**
 * docs/lifecycle.md, generated from the transition table (`npm run docs:lifecycle`).
 * A unit test fails when the committed file differs, so the diagram cannot drift.
 */
export function renderLifecycleMarkdown(): string {
  const edges = new Map<string, string[]>();
  for (const t of TRANSITIONS) {
    for (const from of t.from) {
      const key = `${from} --> ${t.to}`;
      edges.set(key, [...(edges.get(key) ?? []), t.trigger === 'timer' ? `⏱ ${t.event}` : t.event]);
    }
  }
  const diagram = [
    'stateDiagram-v2',
    `  [*] --> ${CaseStatus.Draft}: online application`,
    `  [*] --> ${CaseStatus.Submitted}: court referral`,
    ...[...edges].map(([edge, events]) => `  ${edge}: ${events.join(', ')}`),
    `  ${CaseStatus.Archived} --> [*]`,
  ].join('\n');
  const rows = TRANSITIONS.map(
    (t) =>
      `| \`${t.event}\` | ${t.from.map((s) => `\`${s}\``).join(', ')} | \`${t.to}\` | ${t.by.join(', ')} | ${t.trigger} | ${t.outcome ? `\`${t.outcome}\`` : ''} | ${t.summary} | ${t.effects.map((e) => `\`${e}\``).join('<br>')} |`,
  );
  return [
    '# Case lifecycle',
    '',
    '<!-- Generated from src/cases/lifecycle/case-lifecycle.ts by `npm run docs:lifecycle`. Do not edit. -->',
    '',
    'Every state and transition of the closed loop. `⏱` marks transitions fired by a deadline.',
    'Triggers: `api` through `POST /api/v1/cases/{id}/transitions`; `feature` by the feature that owns',
    'the step; `timer` by a deadline job. A refused transition is a 409 problem with the reason.',
    '',
    '```mermaid',
    diagram,
    '```',
    '',
    'Effects run in the order listed, inside the transition’s transaction: they commit with the state',
    'change or not at all. Nothing else reacts to a transition. Effects marked ◆ make documents: they render',
    'and store them just before the transaction opens (no lock is held meanwhile) and only record them in it.',
    '',
    '| event | from | to | by | trigger | outcome | what happens | effects |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Effects',
    '',
    '`handler:argument`; arguments are lists joined by `+`. Audience groups: `parties` (applicant and',
    'respondent sides), `participants` (the parties, the mediator and the referring court).',
    '',
    '| effect | what it does |',
    '| --- | --- |',
    ...Object.entries(EFFECT_LEGEND).map(([handler, meaning]) => `| \`${handler}\` | ${meaning} |`),
    '',
  ].join('\n');
}

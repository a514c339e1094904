import { TRANSITIONS } from './case-lifecycle';
import { CaseStatus } from './case-states';

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
      `| \`${t.event}\` | ${t.from.map((s) => `\`${s}\``).join(', ')} | \`${t.to}\` | ${t.by.join(', ')} | ${t.trigger} | ${t.outcome ? `\`${t.outcome}\`` : ''} | ${t.summary} |`,
  );
  return [
    '# Case lifecycle',
    '',
    '<!-- Generated from src/cases/lifecycle/case-lifecycle.ts by `npm run docs:lifecycle`. Do not edit. -->',
    '',
    'Every state and transition of the closed loop. `⏱` marks transitions fired by a deadline.',
    'Triggers: `api` through `POST /api/v1/cases/{id}/transitions`; `service` by the feature that owns',
    'the step; `timer` by a deadline job. A refused transition is a 409 problem with the reason.',
    '',
    '```mermaid',
    diagram,
    '```',
    '',
    '| event | from | to | by | trigger | outcome | what happens |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

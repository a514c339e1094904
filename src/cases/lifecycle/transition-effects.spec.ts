import { CaseEvent, TRANSITIONS, type Transition } from './case-lifecycle';
import { CaseStatus } from './case-states';
import { argumentList, checkTransitionEffects, parseEffect, type FoundEffectHandler } from './transition-effects';

const row = (event: CaseEvent, effects: string[]): Transition => ({ ...TRANSITIONS.find((t) => t.event === event)!, effects });
const oneOf =
  (...names: string[]) =>
  (argument: string | undefined) => {
    for (const a of argumentList(argument)) if (!names.includes(a)) throw new Error(`"${a}" is unknown`);
    return argument;
  };

describe('transition effects: the table against the handlers', () => {
  const handlers: FoundEffectHandler[] = [
    { handler: 'notify', location: 'Notifier.notify', parse: oneOf('parties', 'mediator') },
    { handler: 'archive.schedule', location: 'Archive.schedule' },
  ];
  const table = [row(CaseEvent.Submit, ['notify:parties+mediator']), row(CaseEvent.Archive, ['archive.schedule'])];

  it('is sound when every named effect has one handler that accepts its argument, and every handler is named', () => {
    expect(checkTransitionEffects(handlers, table)).toEqual([]);
  });

  it('fails on an effect no handler takes', () => {
    expect(checkTransitionEffects(handlers, [...table, row(CaseEvent.Reject, ['sessions.cancelScheduled'])])).toEqual([
      'effect "sessions.cancelScheduled" (sessions.cancelScheduled) has no handler',
    ]);
  });

  it('fails on a handler no row names, and on two handlers for one effect', () => {
    const extra = { handler: 'period.close', location: 'Periods.close' };
    expect(checkTransitionEffects([...handlers, extra], table)).toEqual(['Periods.close handles "period.close", which no transition names']);
    const twice = { handler: 'archive.schedule', location: 'Other.schedule' };
    expect(checkTransitionEffects([...handlers, twice], table)).toEqual(['effect "archive.schedule" has 2 handlers: Archive.schedule, Other.schedule']);
  });

  it('fails on an argument the handler refuses, or an argument to an effect that takes none', () => {
    expect(checkTransitionEffects(handlers, [row(CaseEvent.Submit, ['notify:parties+judges']), row(CaseEvent.Archive, ['archive.schedule:now'])])).toEqual([
      '"notify:parties+judges" on submit: "judges" is unknown',
      '"archive.schedule:now" on archive: Archive.schedule takes no argument',
    ]);
    expect(() => argumentList('parties+')).toThrow('empty part');
  });

  it('reads a name with and without its argument', () => {
    expect(parseEffect('deadlines.cancel:correction+supplement')).toEqual({ handler: 'deadlines.cancel', argument: 'correction+supplement' });
    expect(parseEffect('archive.schedule')).toEqual({ handler: 'archive.schedule' });
  });
});

describe('transition effects: what the table must say', () => {
  const names = (t: Transition): string[] => t.effects.map((e) => parseEffect(e).handler);

  it('tells people first on every row, before anything else happens', () => {
    // The archive row tells no person (the case is only sealed); court systems hear of it by webhook.
    const forPeople = (t: Transition): string[] => t.effects.filter((e) => parseEffect(e).handler !== 'webhooks.enqueue');
    for (const t of TRANSITIONS) if (forPeople(t).length > 0) expect([t.event, forPeople(t)[0].startsWith('notify:')]).toEqual([t.event, true]);
  });

  it('sends court systems a webhook on every row that closes a case, after its other effects', () => {
    for (const t of TRANSITIONS.filter((t) => t.to === CaseStatus.Closed)) {
      const last = parseEffect(t.effects.at(-1)!);
      expect([t.event, last.handler, last.argument?.split('+').at(-1)]).toEqual([t.event, 'webhooks.enqueue', 'closed']);
    }
    // Last, but before an effect that may fire the next transition (confirm → obligations_fulfilled), whose events come after this row's.
    const firesNext = ['performance.closeIfFulfilled'];
    for (const t of TRANSITIONS.filter((t) => names(t).includes('webhooks.enqueue'))) {
      expect([
        t.event,
        names(t)
          .filter((n) => !firesNext.includes(n))
          .at(-1),
      ]).toEqual([t.event, 'webhooks.enqueue']);
    }
  });

  it('seals the messages, frees the mediator and archives on every row that closes a case', () => {
    for (const t of TRANSITIONS.filter((t) => t.to === CaseStatus.Closed)) {
      expect([t.event, names(t)]).toEqual([t.event, expect.arrayContaining(['messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule'])]);
    }
    for (const t of TRANSITIONS.filter((t) => t.to !== CaseStatus.Closed)) expect([t.event, names(t)]).toEqual([t.event, expect.not.arrayContaining(['archive.schedule'])]);
  });

  it('cancels sessions and ends the period’s pauses and proposals on every row that leaves mediation', () => {
    for (const t of TRANSITIONS.filter((t) => t.from.includes(CaseStatus.Mediating) && t.to !== CaseStatus.Mediating)) {
      expect([t.event, names(t)]).toEqual([t.event, expect.arrayContaining(['sessions.cancelScheduled', 'period.close'])]);
    }
  });

  it('voids the version being signed on every row that leaves signing other than by its taking effect', () => {
    for (const t of TRANSITIONS.filter((t) => t.from.includes(CaseStatus.Signing) && t.to !== CaseStatus.Signing && t.to !== CaseStatus.Settled)) {
      expect([t.event, names(t)]).toEqual([t.event, expect.arrayContaining(['agreements.voidSigningVersion'])]);
    }
  });

  it('issues a failure report when a mediation (not an application) ends without agreement', () => {
    const reporting = TRANSITIONS.filter((t) => names(t).includes('failureReport.issue'));
    expect(reporting.map((t) => [t.event, t.from])).toEqual([
      [CaseEvent.Withdraw, [CaseStatus.Mediating]],
      [CaseEvent.PeriodExpired, [CaseStatus.Mediating]],
      [CaseEvent.Terminate, [CaseStatus.Mediating, CaseStatus.Signing]],
    ]);
  });
});

import { TRANSITIONS } from '../cases/lifecycle/case-lifecycle';
import { parseEffect } from '../cases/lifecycle/transition-effects';
import { kindsEndedBy, parseDeadlineKind, parseDeadlineKinds } from './deadline-kinds';

describe('the transition table and the deadlines', () => {
  it('cancels, on every row, the deadlines of the states the row leaves', () => {
    for (const t of TRANSITIONS) {
      const ended = [...new Set(t.from.flatMap((from) => kindsEndedBy(from, t.to)))];
      const cancelled = t.effects
        .map(parseEffect)
        .filter((e) => e.handler === 'deadlines.cancel')
        .flatMap((e) => parseDeadlineKinds(e.argument));
      expect([t.event, cancelled]).toEqual([t.event, expect.arrayContaining(ended)]);
    }
  });

  it('names only deadline kinds that exist, one per start, pause, resume and extend', () => {
    for (const t of TRANSITIONS) {
      for (const e of t.effects.map(parseEffect)) {
        if (e.handler === 'deadlines.cancel') expect(() => parseDeadlineKinds(e.argument)).not.toThrow();
        else if (e.handler.startsWith('deadlines.')) expect(() => parseDeadlineKind(e.argument)).not.toThrow();
      }
    }
    expect(() => parseDeadlineKind('correction+supplement')).toThrow('exactly one');
    expect(() => parseDeadlineKinds('correction+lunch')).toThrow('"lunch" is not a deadline kind');
  });
});

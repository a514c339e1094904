import { availabilityErrors } from './availability';

const NOW = new Date('2026-12-06T10:00:00Z');
const fields = (input: Parameters<typeof availabilityErrors>[0]) => availabilityErrors(input, NOW).map((e) => `${e.field}:${e.rule}`);

describe('availabilityErrors', () => {
  it('accepts available, inactive, and a leave that ends in the future', () => {
    expect(fields({ active: true })).toEqual([]);
    expect(fields({ active: false, onLeaveFrom: null, onLeaveUntil: null })).toEqual([]);
    expect(fields({ active: true, onLeaveUntil: '2026-12-20' })).toEqual([]);
    expect(fields({ active: true, onLeaveFrom: '2026-12-10', onLeaveUntil: '2026-12-20' })).toEqual([]);
  });

  it('refuses a leave without an end, ending before it starts, or already over', () => {
    expect(fields({ active: true, onLeaveFrom: '2026-12-10' })).toEqual(['onLeaveUntil:isNotEmpty']);
    expect(fields({ active: true, onLeaveFrom: '2026-12-20', onLeaveUntil: '2026-12-10' })).toEqual(['onLeaveUntil:isAfterLeaveStart']);
    expect(fields({ active: true, onLeaveUntil: '2026-12-01' })).toEqual(['onLeaveUntil:isFuture']);
  });
});

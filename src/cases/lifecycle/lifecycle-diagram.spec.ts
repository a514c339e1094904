import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSITIONS } from './case-lifecycle';
import { EFFECT_LEGEND, renderLifecycleMarkdown } from './lifecycle-diagram';
import { parseEffect } from './transition-effects';

describe('docs/lifecycle.md', () => {
  it('is the diagram generated from the table (run `npm run docs:lifecycle` after changing the table)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'lifecycle.md'), 'utf8');
    expect(committed).toBe(renderLifecycleMarkdown());
  });

  it('explains every effect the table names, and no other', () => {
    const named = new Set(TRANSITIONS.flatMap((t) => t.effects.map((e) => parseEffect(e).handler)));
    expect(Object.keys(EFFECT_LEGEND).sort()).toEqual([...named].sort());
  });
});

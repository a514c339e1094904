import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLifecycleMarkdown } from './lifecycle-diagram';

describe('docs/lifecycle.md', () => {
  it('is the diagram generated from the table (run `npm run docs:lifecycle` after changing the table)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'lifecycle.md'), 'utf8');
    expect(committed).toBe(renderLifecycleMarkdown());
  });
});

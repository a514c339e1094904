import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps a path of this app, with its query', () => {
    expect(safeRedirect('/cases/42?tab=documents')).toBe('/cases/42?tab=documents');
  });

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', undefined, 42])('refuses %p', (value) => {
    expect(safeRedirect(value)).toBeUndefined();
  });
});

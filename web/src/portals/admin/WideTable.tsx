import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone: it scrolls sideways inside a labelled region that takes
 * keyboard focus, so the columns off screen can be reached with the arrow keys (WCAG 2.1.1; axe
 * `scrollable-region-focusable`). Ant Design's own `scroll` makes an unfocusable scroller.
 */
export function WideTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}

import type { ReactNode } from 'react';
import { usePageTitle } from '../shell/use-page-title';

/**
 * The frame of the signed-out pages: a narrow card with the page's one heading. Plain elements,
 * not Card and Typography: these pages are the first load and must stay small.
 */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <section className="auth-card">
      <h1>{title}</h1>
      {intro && <p className="auth-intro">{intro}</p>}
      {children}
    </section>
  );
}

import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Layout } from 'antd';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { portalsOf, useMe, useSession } from '../auth/use-session';
import { seesStatistics } from '../statistics/statistics-access';
import { LanguageSwitch } from './LanguageSwitch';

const SignedInActions = lazy(() => import('./SignedInActions'));

/**
 * Every page's frame: a skip link, the header (name, the person's portals, language,
 * notifications, account) and the main landmark the pages render into.
 */
export function AppShell() {
  const { t } = useTranslation();
  const { status } = useSession();
  const me = useMe();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  // After a navigation, start reading at the new page (not at the link that was followed).
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [pathname]);

  const portals = me ? portalsOf(me.roles) : [];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-name">
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.mainNavigation')}>
          {status === 'signed-in' && (
            // Plain links (the current one marked aria-current by the router): most people have one portal.
            <ul className="app-nav">
              {portals.map((p) => (
                <li key={p.path}>
                  <Link to={p.path} activeProps={{ className: 'active' }}>
                    {t(p.label)}
                  </Link>
                </li>
              ))}
              {me && seesStatistics(me.roles) && (
                <li>
                  <Link to="/statistics" activeProps={{ className: 'active' }}>
                    {t('statistics.nav')}
                  </Link>
                </li>
              )}
            </ul>
          )}
        </nav>
        <div className="app-actions">
          <LanguageSwitch />
          {me && (
            <Suspense fallback={null}>
              <SignedInActions me={me} />
            </Suspense>
          )}
          {status === 'signed-out' && !pathname.startsWith('/sign-in') && (
            <Link to="/sign-in" className="hide-narrow">
              {t('header.signIn')}
            </Link>
          )}
        </div>
      </Layout.Header>
      <Layout.Content id="main" ref={main} tabIndex={-1} className="app-main">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}

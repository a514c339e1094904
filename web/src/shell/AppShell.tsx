import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Layout, Menu, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { portalsOf, useMe, useSession } from '../auth/use-session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/**
 * Every page's frame: a skip link, the header (name, the person's portals, language,
 * notifications, account) and the main landmark the pages render into.
 */
export function AppShell() {
  const { t } = useTranslation();
  const { status } = useSession();
  const me = useMe();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const loading = useRouterState({ select: (s) => s.status === 'pending' });
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  // After a navigation, start reading at the new page (not at the link that was followed).
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [pathname]);

  const portals = me ? portalsOf(me.roles) : [];
  const selected = portals.filter((p) => pathname === p.path || pathname.startsWith(`${p.path}/`)).map((p) => p.path);

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
          {status === 'signed-in' && portals.length > 0 && (
            <Menu
              mode="horizontal"
              selectedKeys={selected}
              style={{ borderBottom: 'none', minWidth: 0 }}
              items={portals.map((p) => ({ key: p.path, label: <Link to={p.path}>{t(p.label)}</Link> }))}
            />
          )}
        </nav>
        <div className="app-actions">
          <LanguageSwitch />
          {status === 'signed-in' && <NotificationBell />}
          {me && <UserMenu me={me} />}
          {status === 'signed-out' && !pathname.startsWith('/sign-in') && (
            <Link to="/sign-in" className="hide-narrow">
              {t('header.signIn')}
            </Link>
          )}
        </div>
      </Layout.Header>
      <Layout.Content id="main" ref={main} tabIndex={-1} className="app-main">
        <Spin spinning={loading} delay={300}>
          <Outlet />
        </Spin>
      </Layout.Content>
    </Layout>
  );
}

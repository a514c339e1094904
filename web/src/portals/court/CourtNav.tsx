import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../auth/auth-api';
import { administeredOrganisations } from './court-rules';

export type CourtSection = 'queue' | 'staff';

/**
 * The court portal's own menu: the confirmation queue (home), referring cases, statistics, and —
 * for a court's administrator — its staff. Referrals and statistics are other screens' routes,
 * reached by plain links so this menu does not depend on their route definitions.
 */
export function CourtNav({ current }: { current: CourtSection }) {
  const { t } = useTranslation();
  const me = useQuery(meQuery()).data;
  const isCourtAdmin = administeredOrganisations(me).length > 0;
  return (
    <nav aria-label={t('courtDesk.menuLabel')} style={{ marginBottom: 16 }}>
      <Menu
        mode="horizontal"
        selectedKeys={[current]}
        style={{ borderBottom: 'none', background: 'transparent' }}
        items={[
          { key: 'queue', label: <Link to="/court">{t('courtDesk.menu.queue')}</Link> },
          { key: 'referrals', label: <a href="/court/referrals">{t('courtDesk.menu.referrals')}</a> },
          { key: 'statistics', label: <a href="/statistics">{t('courtDesk.menu.statistics')}</a> },
          ...(isCourtAdmin ? [{ key: 'staff', label: <Link to="/court/staff">{t('courtDesk.menu.staff')}</Link> }] : []),
        ]}
      />
    </nav>
  );
}

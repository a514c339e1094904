import { UserOutlined } from '@ant-design/icons';
import { useNavigate } from '@tanstack/react-router';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../api/use-problem';
import { toApiProblem } from '../api/problem';
import type { Me } from '../auth/auth-api';
import { session } from '../auth/session';

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const items: MenuProps['items'] = [
    { key: 'profile', label: t('header.profile') },
    { key: 'notifications', label: t('notifications.title') },
    // Only an organisation's administrators manage its members.
    ...(me.memberships.some((m) => m.role === 'admin') ? [{ key: 'organisation', label: t('organisation.title') }] : []),
    { type: 'divider' },
    { key: 'sign-out', label: t('header.signOut') },
    { key: 'sign-out-everywhere', label: t('header.signOutEverywhere') },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') void navigate({ to: '/profile' });
    if (key === 'notifications') void navigate({ to: '/notifications' });
    if (key === 'organisation') void navigate({ to: '/organisation' });
    if (key === 'sign-out') void session.signOut().then(() => navigate({ to: '/sign-in' }));
    if (key === 'sign-out-everywhere') {
      session.signOutEverywhere().then(
        () => navigate({ to: '/sign-in', search: { notice: 'signed-out-everywhere' } }),
        (error: unknown) => message.error(describeProblem(toApiProblem(error), t)),
      );
    }
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={t('header.account', { name: me.displayName })} data-testid="user-menu">
        <span className="hide-narrow">{me.displayName}</span>
      </Button>
    </Dropdown>
  );
}

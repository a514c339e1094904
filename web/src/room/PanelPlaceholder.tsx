import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Stand-in for a room panel its feature has not built yet; the owner replaces the panel's component. */
export function PanelPlaceholder() {
  const { t } = useTranslation();
  return <Result status="info" title={t('portal.comingText')} />;
}

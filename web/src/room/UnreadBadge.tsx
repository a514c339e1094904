import { Badge } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** Read by screen readers, not shown: the badge's digits alone would be read as a bare number. */
const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' };

/** The count of unread messages beside a channel's or the panel's name; nothing when all is read. */
export function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <>
      <Badge count={count} aria-hidden />
      <span style={VISUALLY_HIDDEN} data-testid="unread-count">
        {t('room.channels.unread', { count })}
      </span>
    </>
  );
}

import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { daysLeft } from '../../case-page/plain-words';

/**
 * The statutory countdown as a tag: days left to the court's deadline, in red once past. Words,
 * not colour alone, carry the meaning.
 */
export function Countdown({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation();
  const days = daysLeft(dueAt);
  // Ant Design's orange and green tags are under AA contrast: red when past, blue otherwise.
  const color = days < 0 ? 'red' : 'blue';
  return (
    <Tag color={color} style={{ whiteSpace: 'normal' }} data-testid="countdown">
      {days < 0 ? t('casePage.overdue') : t('casePage.daysLeft', { count: days })}
      {' · '}
      {t('courtDesk.queue.dueBy', { date: dayjs(dueAt).format('LL') })}
    </Tag>
  );
}

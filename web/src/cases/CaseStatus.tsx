import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { en } from '../i18n/en';

type KnownStatus = Exclude<keyof typeof en.status, 'unknown'>;
const isKnown = (status: string): status is KnownStatus => status !== 'unknown' && i18next.exists(`status.${status}`);

const COLOURS: Partial<Record<KnownStatus, string>> = {
  needs_correction: 'orange',
  mediating: 'blue',
  signing: 'blue',
  settled: 'green',
  confirmed: 'green',
  confirmation_rejected: 'red',
};

/** A case's status in plain words, never the API's code. */
export function useStatusText(): (status: string) => { label: string; next: string } {
  const { t } = useTranslation();
  return (status) => (isKnown(status) ? { label: t(`status.${status}.label`), next: t(`status.${status}.next`) } : { label: t('status.unknown.label', { status }), next: '' });
}

export function CaseStatusTag({ status }: { status: string }) {
  const text = useStatusText()(status);
  return <Tag color={isKnown(status) ? COLOURS[status] : undefined}>{text.label}</Tag>;
}

/** The status and, under it, what happens next. */
export function CaseStatusWithNext({ status }: { status: string }) {
  const text = useStatusText()(status);
  return (
    <>
      <CaseStatusTag status={status} />
      {text.next && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {text.next}
        </Typography.Text>
      )}
    </>
  );
}

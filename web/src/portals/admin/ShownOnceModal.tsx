import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface ShownOnceModalProps {
  title: string;
  /** The secret; the modal is open while there is one. */
  secret: string | undefined;
  /** What it is for, in a sentence. */
  description: string;
  /** The secret's accessible name. */
  label: string;
  onClose: () => void;
}

/**
 * A secret the platform shows once (an API key, a webhook signing secret): the warning, the
 * secret with a copy button, and one way out, saying it is stored.
 */
export function ShownOnceModal({ title, secret, description, label, onClose }: ShownOnceModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      title={title}
      open={secret !== undefined}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('adminPortal.courtSystems.stored')}
        </Button>
      }
      destroyOnHidden
    >
      {secret && (
        <>
          <Alert type="warning" showIcon title={t('adminPortal.courtSystems.shownOnce')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>{description}</Typography.Paragraph>
          <Typography.Paragraph code copyable={{ text: secret }} aria-label={label} style={{ wordBreak: 'break-all' }}>
            {secret}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

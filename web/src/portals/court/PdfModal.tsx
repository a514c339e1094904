import { Button, Modal } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../../api/problem';
import { describeProblem } from '../../api/use-problem';
import { FormAlert } from '../../shell/FormAlert';

/**
 * A PDF the API makes or keeps, shown from a blob URL (the API needs the session's token, which an
 * iframe's src cannot carry). `footer` adds what to do once it is read (issue the ruling).
 */
export function PdfModal({
  title,
  load,
  onClose,
  footer,
  testId = 'pdf-preview',
}: {
  title: string;
  load: () => Promise<Blob>;
  onClose: () => void;
  footer?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let created: string | undefined;
    load()
      .then((blob) => {
        created = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setUrl(created);
      })
      .catch((e: unknown) => setError(describeProblem(toApiProblem(e), t)));
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
    // Loaded once per opening: the loader is a fresh closure on every render.
  }, []);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width="min(960px, 100vw)"
      footer={
        <>
          <Button onClick={onClose}>{t('courtDesk.file.close')}</Button>
          {footer}
        </>
      }
    >
      <FormAlert message={error} />
      {url && <iframe src={url} title={title} data-testid={testId} style={{ width: '100%', height: '65vh', border: 0 }} />}
    </Modal>
  );
}

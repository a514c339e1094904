import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeShamMediationWarning } from '../api/generated/sdk.gen';
import { useProblemHandler } from '../api/use-problem';
import { currentLanguage } from '../i18n/i18n';
import { FormAlert } from '../shell/FormAlert';
import { sessionsQuery, warningQuery } from './room-api';

/**
 * The warning on sham mediation (虚假调解) every party and agent acknowledges before any session
 * starts: shown in full above the room until acknowledged, in the API's own wording (the
 * version acknowledged is the text shown).
 */
export function WarningBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const warning = useQuery(warningQuery(caseId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!warning.data || warning.data.acknowledgedAt) return null;
  const { title, text } = warning.data.texts[currentLanguage()] ?? warning.data.texts['zh-CN'];

  const acknowledge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await acknowledgeShamMediationWarning({ path: { id: caseId }, throwOnError: true });
      queryClient.setQueryData(warningQuery(caseId).queryKey, data);
      // The sessions show who has acknowledged.
      void queryClient.invalidateQueries({ queryKey: sessionsQuery(caseId).queryKey });
    } catch (problem) {
      setError(handleProblem(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={title} data-testid="sham-mediation-warning" style={{ marginBlock: 16 }}>
      <Alert
        type="warning"
        showIcon
        title={title}
        description={
          <>
            <Typography.Paragraph>{text}</Typography.Paragraph>
            <Typography.Paragraph strong>{t('room.warning.why')}</Typography.Paragraph>
            <FormAlert message={error} />
            {/* A long label: it wraps on a phone instead of pushing the page sideways. */}
            <Button type="primary" loading={busy} onClick={() => void acknowledge()} style={{ whiteSpace: 'normal', height: 'auto', maxWidth: '100%' }}>
              {t('room.warning.acknowledge')}
            </Button>
          </>
        }
      />
    </section>
  );
}

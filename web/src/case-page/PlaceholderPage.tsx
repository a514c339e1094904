import { Link, useParams } from '@tanstack/react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Stand-in for the screens the next-steps menu links to that other features own (edit,
 * answer, nominate: WEB-WAVE.md). Their owners replace the route's component.
 */
export function CaseStepPlaceholder() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams({ strict: false });
  return (
    <Result
      status="info"
      title={t('portal.comingText')}
      extra={
        <Link to="/cases/$caseId" params={{ caseId }} search={{}}>
          {t('cases.back')}
        </Link>
      }
    />
  );
}

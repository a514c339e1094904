import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentsQuery } from '../case-page/case-page-api';
import { Preview } from '../case-page/DocumentsTab';

/** The court's ruling (served on the parties as a document of the case), read in a dialog. */
export function RulingButton({ caseId, documentId }: { caseId: string; documentId: string }) {
  const { t } = useTranslation();
  const documents = useQuery(documentsQuery(caseId));
  const [open, setOpen] = useState(false);
  const doc = documents.data?.find((d) => d.id === documentId);
  if (!doc) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('afterSettlement.confirmation.readRuling')}</Button>
      {open && <Preview doc={doc} onClose={() => setOpen(false)} />}
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Flex, Form, Input, Modal, Radio, Result, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAgreementDraft, reviseAgreement } from '../api/generated/sdk.gen';
import type { AgreementDraftView, AgreementVersionView, CaseView } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem } from '../api/use-problem';
import { useMe } from '../auth/use-session';
import type { RoomPanelProps } from '../room/room-panel';
import { FormAlert } from '../shell/FormAlert';
import { draftQuery, liveVersion, versionsQuery } from './agreement-api';
import { hasSigned } from './agreement-form';
import { AgreementEditor } from './AgreementEditor';
import { AgreementPdf, SignatureTracker, versionFilename } from './VersionParts';

/** The agreement is drafted while the case is mediating and re-proposed while it is being signed. */
const DRAFTING = ['mediating', 'signing'];

/**
 * The room's Agreement panel. The mediator starts the agreement from a template, edits it and
 * proposes it; everyone sees the version being signed (its PDF and who has signed) and goes to
 * the signing page; once in effect, the signed agreement and the confirmation window's end.
 */
export function AgreementPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const versions = useQuery(versionsQuery(view.id));
  const draft = useQuery({ ...draftQuery(view.id), enabled: isMediator || DRAFTING.includes(view.status) });

  if (versions.isLoading || draft.isLoading) return <Skeleton active />;
  const failed = versions.error ?? draft.error;
  if (failed) return <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(failed), t)} />;

  const live = liveVersion(versions.data);
  const signedByMe = live ? hasSigned(live.signatures, me?.id) : false;
  const editable = isMediator && DRAFTING.includes(view.status);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
        {t('agreement.title')}
      </Typography.Title>
      {live?.status === 'effective' && <InEffect version={live} number={view.number} />}
      {live?.status === 'signing' && (
        <>
          <Alert
            type="info"
            showIcon
            title={signedByMe ? t('agreement.panel.youSigned') : t('agreement.panel.beingSigned', { version: live.version })}
            action={
              !signedByMe && (
                <Button type="primary" onClick={() => void navigate({ to: '/cases/$caseId/agreement/sign', params: { caseId: view.id } })}>
                  {t('agreement.panel.goSign')}
                </Button>
              )
            }
          />
          <SignatureTracker version={live} />
          <AgreementPdf documentId={live.documentId} filename={versionFilename(view.number, live.version)} title={t('agreement.pdf.version', { version: live.version })} />
          {isMediator && <ReviseButton view={view} version={live} />}
        </>
      )}
      {editable && (draft.data ? <AgreementEditor key={draft.data.revision} view={view} draft={draft.data} live={live} /> : <StartDraft view={view} />)}
      {!isMediator && !live && (
        <Result status="info" title={draft.data ? t('agreement.panel.drafting') : t('agreement.panel.notStarted')} subTitle={t('agreement.panel.partyHint')} />
      )}
    </Flex>
  );
}

/** The agreement in effect: since when, the confirmation window's last day, the signed PDF. */
function InEffect({ version, number }: { version: AgreementVersionView; number: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Result
        status="success"
        title={t('agreement.effective.title')}
        subTitle={
          <span data-testid="agreement-effective">
            {t('agreement.effective.since', { date: dayjs(version.effectiveAt).format('LLL') })}{' '}
            {version.confirmationWindow && t('agreement.effective.window', { date: dayjs(version.confirmationWindow.lastDay).format('LL') })}
          </span>
        }
      />
      <SignatureTracker version={version} />
      {version.signedDocumentId && (
        <AgreementPdf documentId={version.signedDocumentId} filename={versionFilename(number, version.version, true)} title={t('agreement.pdf.signed')} />
      )}
    </>
  );
}

/** The mediator starts from the template in either language, filled from the case. */
function StartDraft({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<{ language: 'zh-CN' | 'en' }>(async ({ language }) => {
    const { data } = await createAgreementDraft({ path: { id: view.id }, body: { language }, throwOnError: true });
    queryClient.setQueryData<AgreementDraftView | null>(draftQuery(view.id).queryKey, data);
  });
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('agreement.start.title')}</h3>}>
      <Typography.Paragraph>{t('agreement.start.intro')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ language: view.preferredLanguage === 'en' ? 'en' : 'zh-CN' }}>
        <Form.Item name="language" label={t('agreement.start.language')}>
          <Radio.Group
            options={[
              { value: 'zh-CN', label: t('agreement.start.zh') },
              { value: 'en', label: t('agreement.start.en') },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('agreement.start.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The mediator takes the version being signed back to mediation, e.g. after a refusal: it and its signatures become void. */
function ReviseButton({ view, version }: { view: CaseView; version: AgreementVersionView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const { formProps, error, busy, form } = useFormSubmit<{ reason: string }>(async ({ reason }) => {
    const { data } = await reviseAgreement({ path: { id: view.id }, body: { reason }, throwOnError: true });
    queryClient.setQueryData(['cases', view.id], data);
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
    setOpen(false);
  });
  return (
    <>
      <Space wrap>
        <Button onClick={() => setOpen(true)} danger={version.refusals.length > 0}>
          {t('agreement.revise.open')}
        </Button>
      </Space>
      <Modal
        open={open}
        title={t('agreement.revise.title')}
        okText={t('agreement.revise.submit')}
        cancelText={t('agreement.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('agreement.revise.text')}</Typography.Paragraph>
        <FormAlert message={error} />
        <Form {...formProps}>
          <Form.Item name="reason" label={t('agreement.revise.reason')} rules={[{ required: true, min: 3, message: t('agreement.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

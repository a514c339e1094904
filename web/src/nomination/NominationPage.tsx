import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Descriptions, Form, Radio, Result, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { getNominationState, nominateMediator } from '../api/generated/sdk.gen';
import type { NominationStateView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem } from '../api/use-problem';
import { caseQuery } from '../cases/cases-api';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';

const route = getRouteApi('/signed-in/cases/$caseId/nominate');

/** Under the case's key, so a notification about the case refreshes it too. */
export const nominationQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'nomination'],
    queryFn: async ({ signal }): Promise<NominationStateView> => (await getNominationState({ path: { id: caseId }, signal, throwOnError: true })).data,
  });

/**
 * `/cases/$caseId/nominate`: within the window after acceptance, each side may name the mediator it
 * wants; when both name the same one, that mediator is offered the case. One step: pick, send.
 */
export function NominationPage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const queryClient = useQueryClient();
  const theCase = useQuery(caseQuery(caseId)).data;
  const state = useQuery(nominationQuery(caseId));
  const idempotency = useIdempotencyKey();
  usePageTitle(t('nomination.title'));
  const { formProps, error, busy } = useFormSubmit<{ mediatorId: string }>(async ({ mediatorId }) => {
    await nominateMediator({ path: { id: caseId }, body: { mediatorId }, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
    idempotency.done();
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
  });
  const view = state.data;
  const deadline = view?.windowEndsAt ? dayjs(view.windowEndsAt).format('LLL') : '—';

  return (
    <>
      <Typography.Paragraph>
        <Link to="/cases/$caseId" params={{ caseId }}>
          {theCase ? t('nomination.backTo', { number: theCase.number }) : t('nomination.back')}
        </Link>
      </Typography.Paragraph>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('nomination.title')}
      </Typography.Title>
      {state.isLoading && <Skeleton active />}
      {state.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(state.error), t)} />}
      {view && (
        <>
          <Typography.Paragraph>{t('nomination.intro')}</Typography.Paragraph>
          <Descriptions
            column={1}
            items={[
              { key: 'deadline', label: t('nomination.deadline'), children: <span data-testid="nomination-deadline">{deadline}</span> },
              {
                key: 'other',
                label: t('nomination.otherSide'),
                children: view.agreed ? (
                  <Tag color="green">{t('nomination.agreed')}</Tag>
                ) : view.otherSideNominated ? (
                  t('nomination.otherNamedSomeone')
                ) : (
                  t('nomination.otherNotYet')
                ),
              },
            ]}
          />
          {view.agreed ? (
            <Result status="success" title={t('nomination.agreedTitle')} subTitle={t('nomination.agreedText')} />
          ) : !view.open ? (
            <Alert type="info" showIcon title={t('nomination.closed', { deadline })} />
          ) : view.candidates.length === 0 ? (
            <Alert type="info" showIcon title={t('nomination.noCandidates')} />
          ) : (
            <>
              {view.myNomination && <Alert type="info" showIcon title={t('nomination.waiting')} style={{ marginBottom: 16 }} />}
              <FormAlert message={error} />
              <Form {...formProps} initialValues={{ mediatorId: view.myNomination ?? undefined }}>
                <Form.Item name="mediatorId" label={t('nomination.choose')} rules={[{ required: true, message: t('nomination.chooseRequired') }]}>
                  <Radio.Group>
                    <Space direction="vertical">
                      {view.candidates.map((m) => (
                        <Radio key={m.userId} value={m.userId}>
                          <strong>{m.displayName}</strong> · {t('nomination.seniority', { level: m.seniority })} · {m.languages.join(', ')}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {view.myNomination ? t('nomination.change') : t('nomination.submit')}
                </Button>
              </Form>
            </>
          )}
        </>
      )}
    </>
  );
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Form, Input, List, Popconfirm, Skeleton, Tag, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authoriseAgent, listAgents, revokeAgent } from '../api/generated/sdk.gen';
import type { AgentView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { session } from '../auth/session';
import { caseQuery } from '../cases/cases-api';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';

const route = getRouteApi('/signed-in/cases/$caseId/agents');

/** Under the case's key, so a notification about the case refreshes it too. */
export const agentsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'agents'],
    queryFn: async ({ signal }): Promise<AgentView[]> => (await listAgents({ path: { id: caseId }, signal, throwOnError: true })).data.items,
  });

interface AppointValues {
  agentEmail: string;
  lawFirm?: string;
  powerOfAttorney: UploadFile[];
}

/**
 * `/cases/$caseId/agents`: a party appoints a lawyer (whose account it names by e-mail) with a
 * power of attorney, sees every party's agents and removes its own.
 */
export function AgentsPage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const queryClient = useQueryClient();
  const theCase = useQuery(caseQuery(caseId)).data;
  const agents = useQuery(agentsQuery(caseId));
  const idempotency = useIdempotencyKey();
  const handleProblem = useProblemHandler();
  const [removeError, setRemoveError] = useState<string>();
  usePageTitle(t('agents.title'));

  const { form, formProps, error, busy } = useFormSubmit<AppointValues>(async (values) => {
    const documentId = (values.powerOfAttorney[0]?.response as { id?: string } | undefined)?.id;
    try {
      await authoriseAgent({
        path: { id: caseId },
        body: { agentEmail: values.agentEmail, lawFirm: values.lawFirm || undefined, powerOfAttorneyDocumentId: documentId ?? '' },
        headers: { 'Idempotency-Key': idempotency.key() },
        throwOnError: true,
      });
    } catch (error) {
      // The likeliest mistake, said in the reader's words: the agent has no account yet.
      if (toApiProblem(error).errors.some((e) => e.field === 'agentEmail' && e.rule === 'isPartyAccount')) {
        form.setFields([{ name: 'agentEmail', errors: [t('agents.noAccount')] }]);
        return;
      }
      throw error;
    }
    idempotency.done();
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
  });

  const remove = useMutation({
    mutationFn: async (agentUserId: string) => (await revokeAgent({ path: { id: caseId, agentUserId }, throwOnError: true })).data,
    onSuccess: () => {
      setRemoveError(undefined);
      return queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    },
    onError: (problem) => setRemoveError(handleProblem(problem)),
  });

  return (
    <>
      <Typography.Paragraph>
        <Link to="/cases/$caseId" params={{ caseId }}>
          {theCase ? t('agents.backTo', { number: theCase.number }) : t('agents.back')}
        </Link>
      </Typography.Paragraph>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('agents.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('agents.intro')}</Typography.Paragraph>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('agents.current')}
      </Typography.Title>
      {agents.isLoading && <Skeleton active />}
      {agents.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(agents.error), t)} />}
      <FormAlert message={removeError} />
      {agents.data && (
        <List
          dataSource={agents.data}
          // Ant's own empty text is too faint (contrast): plain text instead.
          locale={{ emptyText: <Typography.Text>{t('agents.none')}</Typography.Text> }}
          renderItem={(a) => (
            <List.Item
              data-testid="agent"
              actions={
                a.removable
                  ? [
                      <Popconfirm
                        key="remove"
                        title={t('agents.removeConfirm', { name: a.displayName })}
                        okText={t('agents.remove')}
                        cancelText={t('problem.cancel')}
                        onConfirm={() => remove.mutateAsync(a.userId)}
                      >
                        <Button danger loading={remove.isPending && remove.variables === a.userId}>
                          {t('agents.remove')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={a.displayName}
                description={
                  <>
                    <Tag>{t(a.side === 'applicant' ? 'agents.forApplicant' : 'agents.forRespondent')}</Tag>
                    {a.lawFirm}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('agents.appoint')}
      </Typography.Title>
      <FormAlert message={error} />
      <Form {...formProps} style={{ maxWidth: 480 }}>
        <Form.Item name="agentEmail" label={t('agents.email')} extra={t('agents.emailHelp')} rules={[{ required: true, type: 'email', message: t('problem.rules.isEmail') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="lawFirm" label={t('agents.lawFirm')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="powerOfAttorney"
          label={t('agents.powerOfAttorney')}
          extra={t('agents.powerOfAttorneyHelp')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            {
              validator: (_, files: UploadFile[] | undefined) =>
                files?.[0]?.status === 'done' ? Promise.resolve() : Promise.reject(new Error(t('agents.powerOfAttorneyRequired'))),
            },
          ]}
        >
          <Upload
            name="file"
            accept="application/pdf,image/png,image/jpeg"
            maxCount={1}
            action={`/api/v1/cases/${caseId}/documents?kind=power_of_attorney`}
            headers={{ Authorization: `Bearer ${session.accessToken ?? ''}` }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t('agents.choosePowerOfAttorney')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('agents.submit')}
        </Button>
      </Form>
    </>
  );
}

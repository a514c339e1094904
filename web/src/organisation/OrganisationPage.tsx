import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { addOrganisationMember, getOrganisation, listOrganisationMembers } from '../api/generated/sdk.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem } from '../api/use-problem';
import { useMe } from '../auth/use-session';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';

const organisationQuery = (id: string) =>
  queryOptions({
    queryKey: ['organisations', id],
    queryFn: async ({ signal }) => (await getOrganisation({ path: { id }, signal, throwOnError: true })).data,
  });

const membersQuery = (id: string) =>
  queryOptions({
    queryKey: ['organisations', id, 'members'],
    queryFn: async ({ signal }) => (await listOrganisationMembers({ path: { id }, signal, throwOnError: true })).data.items,
  });

/** `/organisation`: the administrator of an organisation (a law firm, a company) adds its people and sees them. */
export function OrganisationPage() {
  const { t } = useTranslation();
  usePageTitle(t('organisation.title'));
  const me = useMe();
  if (!me) return <Skeleton active />;
  const administered = me.memberships.filter((m) => m.role === 'admin');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('organisation.title')}
      </Typography.Title>
      {administered.length === 0 ? (
        <Result status="info" title={t('organisation.notAdmin')} subTitle={t('organisation.notAdminText')} />
      ) : (
        administered.map((m) => <OrganisationMembers key={m.organisationId} organisationId={m.organisationId} />)
      )}
    </>
  );
}

function OrganisationMembers({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisation = useQuery(organisationQuery(organisationId)).data;
  const members = useQuery(membersQuery(organisationId));
  const idempotency = useIdempotencyKey();
  const { form, formProps, error, busy } = useFormSubmit<{ email: string }>(async ({ email }) => {
    try {
      await addOrganisationMember({ path: { id: organisationId }, body: { email }, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
    } catch (error) {
      // The likeliest mistake, said in the reader's words: the person has no account yet.
      if (toApiProblem(error).errors.some((e) => e.field === 'email' && e.rule === 'isAccount')) {
        form.setFields([{ name: 'email', errors: [t('organisation.noAccount')] }]);
        return;
      }
      throw error;
    }
    idempotency.done();
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['organisations', organisationId] });
  });
  return (
    <section aria-labelledby={`org-${organisationId}`}>
      <Typography.Title level={2} style={{ fontSize: 20 }} id={`org-${organisationId}`}>
        {organisation?.name ?? t('app.loading')}
      </Typography.Title>
      {members.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(members.error), t)} />}
      <Table
        rowKey="userId"
        loading={members.isLoading}
        dataSource={members.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { key: 'name', title: t('organisation.name'), dataIndex: 'displayName' },
          { key: 'email', title: t('organisation.email'), dataIndex: 'email' },
          {
            key: 'role',
            title: t('organisation.role'),
            dataIndex: 'role',
            render: (role: string) => (role === 'admin' ? <Tag color="blue">{t('organisation.admin')}</Tag> : t('organisation.member')),
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
        {t('organisation.add')}
      </Typography.Title>
      <FormAlert message={error} />
      <Form {...formProps} style={{ maxWidth: 480 }}>
        <Form.Item
          name="email"
          label={t('organisation.memberEmail')}
          extra={t('organisation.memberEmailHelp')}
          rules={[{ required: true, type: 'email', message: t('problem.rules.isEmail') }]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('organisation.submit')}
        </Button>
      </Form>
    </section>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Radio, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createOrganisation, createUser, disableUser, enableUser, listOrganisations, listUsers, recordIdentityVerification, setUserRoles } from '../../api/generated/sdk.gen';
import type { CreateOrganisationRequest, CreateUserRequest, OrganisationView, UserView } from '../../api/generated/types.gen';
import { useIdempotencyKey } from '../../api/idempotency';
import { toApiProblem } from '../../api/problem';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { ActionModal } from './ActionModal';
import { WideTable } from './WideTable';
import { ADMIN_KEY, ROLES, type AdminUserRole as Role } from './admin-api';
import { MediatorProfileDrawer } from './MediatorProfileDrawer';

const METHODS = ['in_person_id_card', 'video_call', 'court_record', 'provider'] as const;
const ORGANISATION_KINDS: readonly OrganisationView['kind'][] = ['court', 'mediation_organisation', 'company', 'law_firm'];

type Dialog = { kind: 'create' } | { kind: 'roles' | 'verify' | 'profile'; user: UserView } | { kind: 'organisation' } | undefined;

const route = getRouteApi('/signed-in/admin');

/** People (create, roles, disable and enable, identity verification, mediator profiles) and organisations. */
export function PeopleSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const idempotency = useIdempotencyKey();
  const { q, role } = route.useSearch();
  const navigate = route.useNavigate();
  const [dialog, setDialog] = useState<Dialog>();
  const users = useQuery({
    queryKey: [ADMIN_KEY, 'users', { q, role }],
    queryFn: async ({ signal }) => (await listUsers({ query: { q, role, limit: 100 }, signal, throwOnError: true })).data,
  });
  const organisations = useQuery({
    queryKey: [ADMIN_KEY, 'organisations'],
    queryFn: async ({ signal }) => (await listOrganisations({ query: { limit: 100 }, signal, throwOnError: true })).data,
  });
  const roleName = (r: string) => t(`adminPortal.people.roles.${r as Role}`);

  const toggle = async (user: UserView) => {
    try {
      if (user.status === 'disabled') await enableUser({ path: { id: user.id }, throwOnError: true });
      else await disableUser({ path: { id: user.id }, throwOnError: true });
      void message.success(t(user.status === 'disabled' ? 'adminPortal.people.enabled' : 'adminPortal.people.disabled', { name: user.displayName }));
    } catch (problem) {
      const text = handleProblem(problem);
      if (text) void message.error(text);
    }
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
  };

  const error = users.error ?? organisations.error;
  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(error), t)} />}
      <Flex justify="space-between" align="end" gap={16} wrap>
        <Flex gap={8} wrap align="end">
          <Input.Search
            aria-label={t('adminPortal.people.search')}
            placeholder={t('adminPortal.people.search')}
            defaultValue={q}
            onSearch={(value) => void navigate({ search: (s) => ({ ...s, q: value || undefined }), replace: true })}
            style={{ width: 260 }}
          />
          {/* "All" as an option rather than a clear icon, which is too small a target (WCAG 2.5.8). */}
          <Select<Role | 'all'>
            aria-label={t('adminPortal.people.roleFilter')}
            value={role ?? 'all'}
            onChange={(value) => void navigate({ search: (s) => ({ ...s, role: value === 'all' ? undefined : value }), replace: true })}
            options={[{ value: 'all' as const, label: t('adminPortal.people.allRoles') }, ...ROLES.map((r) => ({ value: r, label: roleName(r) }))]}
            style={{ width: 200 }}
          />
        </Flex>
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          {t('adminPortal.people.create')}
        </Button>
      </Flex>
      <WideTable label={t('adminPortal.sections.people')}>
        <Table<UserView>
          style={{ marginTop: 16 }}
          rowKey="id"
          loading={users.isLoading}
          dataSource={users.data?.items}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.none')}</Typography.Text> }}
          pagination={false}
          columns={[
            { title: t('adminPortal.people.name'), dataIndex: 'displayName' },
            { title: t('adminPortal.people.email'), dataIndex: 'email' },
            { title: t('adminPortal.people.rolesTitle'), dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
            {
              title: t('adminPortal.people.status'),
              dataIndex: 'status',
              render: (status: string) => (status === 'disabled' ? <Tag color="red">{t('adminPortal.people.statusDisabled')}</Tag> : t('adminPortal.people.statusActive')),
            },
            {
              title: t('adminPortal.people.identity'),
              key: 'identity',
              render: (_, u) =>
                u.identityVerifiedAt
                  ? t('adminPortal.people.verifiedOn', {
                      date: dayjs(u.identityVerifiedAt).format('LL'),
                      method: t(`profile.identity.methods.${(u.identityVerificationMethod ?? 'provider') as (typeof METHODS)[number]}`),
                    })
                  : t('adminPortal.people.notVerified'),
            },
            {
              title: t('adminPortal.actions'),
              key: 'actions',
              render: (_, u) => (
                <Flex gap={8} wrap>
                  <Button size="small" onClick={() => setDialog({ kind: 'roles', user: u })}>
                    {t('adminPortal.people.changeRoles')}
                  </Button>
                  {!u.identityVerifiedAt && (
                    <Button size="small" onClick={() => setDialog({ kind: 'verify', user: u })}>
                      {t('adminPortal.people.verify')}
                    </Button>
                  )}
                  {u.roles.includes('mediator') && (
                    <Button size="small" onClick={() => setDialog({ kind: 'profile', user: u })}>
                      {t('adminPortal.people.profile')}
                    </Button>
                  )}
                  <Button size="small" danger={u.status !== 'disabled'} onClick={() => void toggle(u)}>
                    {u.status === 'disabled' ? t('adminPortal.people.enable') : t('adminPortal.people.disable')}
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      </WideTable>

      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginTop: 32 }}>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('adminPortal.people.organisationsTitle')}
        </Typography.Title>
        <Button onClick={() => setDialog({ kind: 'organisation' })}>{t('adminPortal.people.createOrganisation')}</Button>
      </Flex>
      <WideTable label={t('adminPortal.people.organisationsTitle')}>
        <Table<OrganisationView>
          style={{ marginTop: 16 }}
          rowKey="id"
          loading={organisations.isLoading}
          dataSource={organisations.data?.items}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.none')}</Typography.Text> }}
          pagination={false}
          columns={[
            { title: t('adminPortal.people.organisationName'), dataIndex: 'name' },
            { title: t('adminPortal.people.organisationKind'), dataIndex: 'kind', render: (k: OrganisationView['kind']) => t(`adminPortal.people.kinds.${k}`) },
            { title: t('adminPortal.people.courtCode'), dataIndex: 'courtCode' },
          ]}
        />
      </WideTable>

      <ActionModal<CreateUserRequest>
        title={t('adminPortal.people.create')}
        open={dialog?.kind === 'create'}
        onClose={() => setDialog(undefined)}
        submitText={t('adminPortal.people.createSubmit')}
        done={t('adminPortal.people.created')}
        initialValues={{ roles: ['mediator'], preferredLanguage: 'zh-CN' }}
        onSubmit={async (body) => {
          await createUser({ body: { ...body, initialPassword: body.initialPassword || undefined }, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
          idempotency.done();
        }}
      >
        <Form.Item name="displayName" label={t('adminPortal.people.name')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('adminPortal.people.email')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        {/* No `required` rule: it sets aria-required on the group's div, which axe refuses; the API names the field if none is ticked. */}
        <Form.Item name="roles" label={t('adminPortal.people.rolesTitle')}>
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: roleName(r) }))} />
        </Form.Item>
        <Form.Item name="preferredLanguage" label={t('profile.language')}>
          <Radio.Group
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Form.Item name="initialPassword" label={t('adminPortal.people.initialPassword')} extra={t('adminPortal.people.initialPasswordHelp')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ roles: Role[] }>
        key={dialog?.kind === 'roles' ? dialog.user.id : 'roles'}
        title={dialog?.kind === 'roles' ? t('adminPortal.people.rolesOf', { name: dialog.user.displayName }) : ''}
        open={dialog?.kind === 'roles'}
        onClose={() => setDialog(undefined)}
        submitText={t('adminPortal.save')}
        done={t('adminPortal.people.rolesSaved')}
        initialValues={{ roles: dialog?.kind === 'roles' ? dialog.user.roles : [] }}
        onSubmit={async ({ roles }) => {
          if (dialog?.kind !== 'roles') return;
          await setUserRoles({ path: { id: dialog.user.id }, body: { roles }, throwOnError: true });
        }}
      >
        <Form.Item name="roles" label={t('adminPortal.people.rolesTitle')}>
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: roleName(r) }))} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ method: (typeof METHODS)[number]; note?: string }>
        title={dialog?.kind === 'verify' ? t('adminPortal.people.verifyTitle', { name: dialog.user.displayName }) : ''}
        open={dialog?.kind === 'verify'}
        onClose={() => setDialog(undefined)}
        submitText={t('adminPortal.people.verifySubmit')}
        done={t('adminPortal.people.verified')}
        onSubmit={async (body) => {
          if (dialog?.kind !== 'verify') return;
          await recordIdentityVerification({ path: { id: dialog.user.id }, body, throwOnError: true });
        }}
      >
        <Typography.Paragraph type="secondary">{t('adminPortal.people.verifyText')}</Typography.Paragraph>
        <Form.Item name="method" label={t('adminPortal.people.method')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Radio.Group options={METHODS.map((m) => ({ value: m, label: t(`profile.identity.methods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('adminPortal.people.note')} extra={t('adminPortal.people.noteHelp')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </ActionModal>

      <ActionModal<CreateOrganisationRequest>
        title={t('adminPortal.people.createOrganisation')}
        open={dialog?.kind === 'organisation'}
        onClose={() => setDialog(undefined)}
        submitText={t('adminPortal.people.createSubmit')}
        done={t('adminPortal.people.organisationCreated')}
        initialValues={{ kind: 'mediation_organisation' }}
        onSubmit={async (body) => {
          await createOrganisation({ body: { ...body, courtCode: body.courtCode || undefined }, throwOnError: true });
        }}
      >
        <Form.Item name="name" label={t('adminPortal.people.organisationName')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('adminPortal.people.organisationKind')}>
          <Radio.Group options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`adminPortal.people.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="courtCode" label={t('adminPortal.people.courtCode')} extra={t('adminPortal.people.courtCodeHelp')}>
          <Input />
        </Form.Item>
      </ActionModal>

      {dialog?.kind === 'profile' && <MediatorProfileDrawer user={dialog.user} onClose={() => setDialog(undefined)} />}
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Flex, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, disableUser, enableUser } from '../../api/generated/sdk.gen';
import type { MemberView } from '../../api/generated/types.gen';
import { useIdempotencyKey } from '../../api/idempotency';
import { toApiProblem } from '../../api/problem';
import { useFormSubmit } from '../../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { meQuery } from '../../auth/auth-api';
import { FormAlert } from '../../shell/FormAlert';
import { usePageTitle } from '../../shell/use-page-title';
import { courtQuery, membersQuery } from './court-api';
import { administeredOrganisations, isCourtStaffOnly } from './court-rules';
import { CourtNav } from './CourtNav';

/**
 * A court's own administrator manages its clerks and judges: sees who they are and whether they
 * may sign in, adds one, disables one who left (and enables again). Other members (a platform
 * administrator, a mediator) are listed but are not the court's to switch off.
 */
export function CourtStaffPage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery()).data;
  const courtId = administeredOrganisations(me)[0];
  const court = useQuery({ ...courtQuery(courtId ?? ''), enabled: !!courtId });
  const members = useQuery({ ...membersQuery(courtId ?? ''), enabled: !!courtId });
  const [adding, setAdding] = useState(false);
  usePageTitle(t('courtDesk.staff.title'));

  return (
    <>
      <CourtNav current="staff" />
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
          {t('courtDesk.staff.title')}
        </Typography.Title>
        {courtId && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('courtDesk.staff.add')}
          </Button>
        )}
      </Flex>
      {me && !courtId && <Alert type="info" showIcon title={t('courtDesk.staff.notAdmin')} style={{ marginTop: 16 }} />}
      {court.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('courtDesk.staff.intro', { court: court.data.name })}
        </Typography.Paragraph>
      )}
      {members.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(members.error), t)} style={{ marginBottom: 16 }} />}
      {courtId && (
        <Table<MemberView>
          rowKey="userId"
          loading={members.isLoading}
          dataSource={members.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="court-staff"
          columns={[
            { title: t('courtDesk.staff.name'), dataIndex: 'displayName', render: (name: string, m) => (m.userId === me?.id ? `${name} (${t('courtDesk.staff.you')})` : name) },
            { title: t('courtDesk.staff.email'), dataIndex: 'email', responsive: ['md'] },
            {
              title: t('courtDesk.staff.roles'),
              key: 'roles',
              render: (_: unknown, m) => (
                <Space wrap size={4}>
                  {m.roles.includes('court_clerk') && <Tag>{t('courtDesk.staff.clerkRole')}</Tag>}
                  {m.roles.includes('judge') && <Tag>{t('courtDesk.staff.judgeRole')}</Tag>}
                  {m.role === 'admin' && <Tag color="blue">{t('courtDesk.staff.admin')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('courtDesk.staff.status'),
              dataIndex: 'status',
              render: (status: string) => (status === 'disabled' ? <Tag color="red">{t('courtDesk.staff.disabled')}</Tag> : <Tag>{t('courtDesk.staff.active')}</Tag>),
            },
            { title: '', key: 'actions', render: (_: unknown, m) => (m.userId !== me?.id && isCourtStaffOnly(m) ? <StatusButton member={m} courtId={courtId} /> : null) },
          ]}
        />
      )}
      {adding && courtId && <AddStaffModal courtId={courtId} onClose={() => setAdding(false)} />}
    </>
  );
}

function StatusButton({ member, courtId }: { member: MemberView; courtId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const handleProblem = useProblemHandler();
  const [error, setError] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: membersQuery(courtId).queryKey });
  const change = async (disable: boolean) => {
    setError(undefined);
    try {
      await (disable ? disableUser : enableUser)({ path: { id: member.userId }, throwOnError: true });
      void message.success(t(disable ? 'courtDesk.staff.disabledDone' : 'courtDesk.staff.enabledDone', { name: member.displayName }));
      await refresh();
    } catch (problem) {
      setError(handleProblem(problem));
    }
  };
  const disabled = member.status === 'disabled';
  return (
    <>
      <FormAlert message={error} />
      {disabled ? (
        <Button size="small" onClick={() => void change(false)} aria-label={`${t('courtDesk.staff.enable')}: ${member.displayName}`}>
          {t('courtDesk.staff.enable')}
        </Button>
      ) : (
        <Button
          size="small"
          danger
          aria-label={`${t('courtDesk.staff.disable')}: ${member.displayName}`}
          onClick={() =>
            modal.confirm({
              title: t('courtDesk.staff.disableTitle', { name: member.displayName }),
              content: t('courtDesk.staff.disableText'),
              okText: t('courtDesk.staff.disable'),
              okButtonProps: { danger: true },
              cancelText: t('courtDesk.staff.cancel'),
              onOk: () => change(true),
            })
          }
        >
          {t('courtDesk.staff.disable')}
        </Button>
      )}
    </>
  );
}

interface StaffValues {
  displayName: string;
  email: string;
  role: 'court_clerk' | 'judge';
  initialPassword?: string;
}

function AddStaffModal({ courtId, onClose }: { courtId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const idempotency = useIdempotencyKey();
  const { formProps, error, busy, form } = useFormSubmit<StaffValues>(async (values) => {
    const { data } = await createUser({
      body: {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        roles: [values.role],
        initialPassword: values.initialPassword || undefined,
        organisationId: courtId,
        membershipRole: 'member',
        preferredLanguage: i18n.language === 'en' ? 'en' : 'zh-CN',
      },
      headers: { 'Idempotency-Key': idempotency.key() },
      throwOnError: true,
    });
    idempotency.done();
    void message.success(t('courtDesk.staff.added', { name: data.displayName }));
    await queryClient.invalidateQueries({ queryKey: membersQuery(courtId).queryKey });
    onClose();
  });
  return (
    <Modal
      open
      title={t('courtDesk.staff.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('courtDesk.staff.save')}
      cancelText={t('courtDesk.staff.cancel')}
      confirmLoading={busy}
    >
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ role: 'court_clerk' }}>
        <Form.Item name="displayName" label={t('courtDesk.staff.displayName')} rules={[{ required: true, whitespace: true, message: t('courtDesk.staff.nameRequired') }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('courtDesk.staff.email')} rules={[{ required: true, type: 'email', message: t('courtDesk.staff.emailRequired') }]}>
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('courtDesk.staff.role')}>
          <Radio.Group
            options={[
              { value: 'court_clerk', label: t('courtDesk.staff.clerkRole') },
              { value: 'judge', label: t('courtDesk.staff.judgeRole') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="initialPassword"
          label={t('courtDesk.staff.password')}
          extra={t('courtDesk.staff.passwordHelp')}
          rules={[{ min: 12, max: 128, message: t('courtDesk.staff.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

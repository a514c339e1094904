import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { declineApplication, docketApplication, requestSupplement } from '../../api/generated/sdk.gen';
import { useFormSubmit } from '../../api/use-form-submit';
import { useProblemHandler } from '../../api/use-problem';
import { FormAlert } from '../../shell/FormAlert';
import { applied } from './court-api';

export interface ClerkTarget {
  applicationId: string;
  caseNumber: string;
  status: string;
  /** While material asked for is awaited, no second request (the API allows one at a time). */
  awaitingMaterial: boolean;
}

/**
 * The clerk's steps on one application, where it stands: a lodged one is docketed or declined;
 * a docketed one may need material from the parties. `onDocketed` hears the new 调确 number.
 */
export function ClerkActions({ target, onDocketed, size }: { target: ClerkTarget; onDocketed: (number: string) => void; size?: 'small' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'docket' | 'decline' | 'supplement'>();
  const close = () => setOpen(undefined);
  const label = (action: string) => `${action}: ${target.caseNumber}`;
  if (target.status === 'lodged') {
    return (
      <Space wrap>
        <Button type="primary" size={size} onClick={() => setOpen('docket')} aria-label={label(t('courtDesk.clerk.docket'))}>
          {t('courtDesk.clerk.docket')}
        </Button>
        <Button size={size} onClick={() => setOpen('decline')} aria-label={label(t('courtDesk.clerk.decline'))}>
          {t('courtDesk.clerk.decline')}
        </Button>
        {open === 'docket' && <DocketModal target={target} onClose={close} onDocketed={onDocketed} />}
        {open === 'decline' && <DeclineModal target={target} onClose={close} />}
      </Space>
    );
  }
  if (target.status === 'docketed' && !target.awaitingMaterial) {
    return (
      <>
        <Button size={size} onClick={() => setOpen('supplement')} aria-label={label(t('courtDesk.clerk.supplement'))}>
          {t('courtDesk.clerk.supplement')}
        </Button>
        {open === 'supplement' && <SupplementModal target={target} onClose={close} />}
      </>
    );
  }
  return null;
}

function DocketModal({ target, onClose, onDocketed }: { target: ClerkTarget; onClose: () => void; onDocketed: (number: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const docket = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await docketApplication({ path: { id: target.applicationId }, throwOnError: true });
      await applied(queryClient, data);
      onDocketed(data.docket.number ?? '');
      onClose();
    } catch (problem) {
      setError(handleProblem(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('courtDesk.clerk.docketTitle', { number: target.caseNumber })}
      onCancel={onClose}
      onOk={() => void docket()}
      okText={t('courtDesk.clerk.docket')}
      cancelText={t('courtDesk.clerk.cancel')}
      confirmLoading={busy}
    >
      <FormAlert message={error} />
      <p>{t('courtDesk.clerk.docketText')}</p>
    </Modal>
  );
}

function DeclineModal({ target, onClose }: { target: ClerkTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { formProps, error, busy, form } = useFormSubmit<{ reason: string }>(async ({ reason }) => {
    const { data } = await declineApplication({ path: { id: target.applicationId }, body: { reason }, throwOnError: true });
    await applied(queryClient, data);
    void message.success(t('courtDesk.clerk.declined'));
    onClose();
  });
  return (
    <Modal
      open
      title={t('courtDesk.clerk.declineTitle', { number: target.caseNumber })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('courtDesk.clerk.decline')}
      cancelText={t('courtDesk.clerk.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: true }}
    >
      <p>{t('courtDesk.clerk.declineText')}</p>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item
          name="reason"
          label={t('courtDesk.clerk.reason')}
          extra={t('courtDesk.clerk.reasonHelp')}
          rules={[{ required: true, min: 3, whitespace: true, message: t('courtDesk.clerk.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SupplementModal({ target, onClose }: { target: ClerkTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { formProps, error, busy, form } = useFormSubmit<{ items: string; days: number }>(async ({ items, days }) => {
    const { data } = await requestSupplement({ path: { id: target.applicationId }, body: { items, days }, throwOnError: true });
    await applied(queryClient, data);
    void message.success(t('courtDesk.clerk.asked'));
    onClose();
  });
  return (
    <Modal
      open
      title={t('courtDesk.clerk.supplementTitle', { number: target.caseNumber })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('courtDesk.clerk.send')}
      cancelText={t('courtDesk.clerk.cancel')}
      confirmLoading={busy}
    >
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ days: 10 }}>
        <Form.Item
          name="items"
          label={t('courtDesk.clerk.items')}
          extra={t('courtDesk.clerk.itemsHelp')}
          rules={[{ required: true, min: 3, whitespace: true, message: t('courtDesk.clerk.itemsRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="days" label={t('courtDesk.clerk.days')} extra={t('courtDesk.clerk.daysHelp')} rules={[{ required: true, type: 'integer', min: 1, max: 60 }]}>
          <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

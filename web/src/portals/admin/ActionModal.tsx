import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../api/use-form-submit';
import { FormAlert } from '../../shell/FormAlert';
import { ADMIN_KEY } from './admin-api';

interface ActionModalProps<Values> {
  title: string;
  open: boolean;
  onClose: () => void;
  /** Sends the form; a thrown problem goes beside its field or above the form. */
  onSubmit: (values: Values) => Promise<void>;
  /** Said once it worked. */
  done: string;
  submitText: string;
  danger?: boolean;
  initialValues?: Partial<Values>;
  children: ReactNode;
}

/**
 * One administrative action as a dialog with a form: field problems beside their fields, the
 * rest above the form, a stale version offers to reload; on success the portal's lists refresh.
 */
export function ActionModal<Values extends object>({ title, open, onClose, onSubmit, done, submitText, danger, initialValues, children }: ActionModalProps<Values>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<Values>(async (values) => {
    await onSubmit(values);
    void message.success(done);
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
    onClose();
  });
  return (
    <Modal title={title} open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <FormAlert message={error} />
      <Form<Values> {...formProps} initialValues={initialValues} preserve={false}>
        {children}
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" danger={danger} htmlType="submit" loading={busy}>
            {submitText}
          </Button>{' '}
          <Button onClick={onClose}>{t('adminPortal.cancel')}</Button>
        </Form.Item>
      </Form>
    </Modal>
  );
}

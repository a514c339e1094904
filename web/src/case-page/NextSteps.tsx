import { DownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { App, Button, Dropdown, Form, Input, Modal, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { transitionCase } from '../api/generated/sdk.gen';
import type { AvailableActionView, CaseView } from '../api/generated/types.gen';
import { useFormSubmit } from '../api/use-form-submit';
import { useStatusText } from '../cases/CaseStatus';
import { FormAlert } from '../shell/FormAlert';
import { usePlainWords } from './plain-words';

/** Actions done on the screen that owns them (WEB-WAVE.md); the menu links there. */
const ROUTES = {
  submit: '/cases/$caseId/edit',
  resubmit: '/cases/$caseId/edit',
  respondent_agree: '/cases/$caseId/answer',
  respondent_decline: '/cases/$caseId/answer',
  nominate: '/cases/$caseId/nominate',
  manage_agents: '/cases/$caseId/agents',
  sign: '/cases/$caseId/agreement/sign',
  refuse_to_sign: '/cases/$caseId/agreement/sign',
  apply_confirmation: '/cases/$caseId/confirmation',
  withdraw_confirmation: '/cases/$caseId/confirmation',
  supplement_materials: '/cases/$caseId/confirmation',
  resume_mediation: '/cases/$caseId/confirmation',
  close_unconfirmed: '/cases/$caseId/confirmation',
  perform: '/cases/$caseId/performance',
  declare_default: '/cases/$caseId/performance',
} as const;
type RoutedAction = keyof typeof ROUTES;
const isRouted = (event: string): event is RoutedAction => event in ROUTES;

/** Simple transitions (POST /cases/{id}/transitions) this menu confirms and fires itself. */
const CONFIRMED = ['withdraw', 'accept', 'request_correction', 'reject'];
const NEEDS_REASON = ['request_correction', 'reject'];

const PARTY_ROLES = ['applicant', 'respondent', 'applicant_agent', 'respondent_agent'];

/**
 * The case's next steps, from the case view's availableActions, plus what a party may do besides
 * moving the case: nominate a mediator while one is being chosen, and appoint agents while the case is open.
 */
export function nextSteps(view: CaseView): AvailableActionView[] {
  // The joint application's guard (every party's consent) is what its screen collects: not a block.
  const steps = view.availableActions.map((a) => (a.event === 'apply_confirmation' ? { ...a, blockedBy: undefined } : a));
  const party = view.yourRoles.some((r) => PARTY_ROLES.includes(r));
  if (view.status === 'assigning' && party) {
    steps.push({ event: 'nominate', to: 'assigning', trigger: 'feature', summary: 'Nominate a mediator jointly' });
  }
  if (party && (view.status === 'settled' || view.status === 'confirmed')) {
    steps.push({ event: 'perform', to: view.status, trigger: 'feature', summary: 'Report or confirm performance of the agreement' });
  }
  if (party && view.status !== 'closed' && view.status !== 'archived') {
    steps.push({ event: 'manage_agents', to: view.status, trigger: 'feature', summary: 'Appoint or remove agents' });
  }
  return steps;
}

interface Values {
  reason?: string;
  items?: string;
}

export function NextSteps({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState<AvailableActionView>();
  const steps = nextSteps(view);

  if (steps.length === 0) return <Typography.Text type="secondary">{t('casePage.nothingToDo')}</Typography.Text>;

  const items: MenuProps['items'] = steps.map((step) => {
    const usable = isRouted(step.event) || (CONFIRMED.includes(step.event) && !step.blockedBy);
    const note = step.blockedBy ? t('casePage.blocked', { reason: step.blockedBy }) : usable ? undefined : t('casePage.elsewhere');
    return {
      key: step.event,
      disabled: !usable,
      label: (
        <span>
          {plain('actions', step.event)}
          {note && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, maxWidth: 320, whiteSpace: 'normal' }}>
              {note}
            </Typography.Text>
          )}
        </span>
      ),
    };
  });

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (isRouted(key)) {
      void navigate({ to: ROUTES[key], params: { caseId: view.id } });
      return;
    }
    setConfirming(steps.find((s) => s.event === key));
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} autoFocus>
        <Button type="primary" data-testid="next-steps">
          {t('casePage.nextSteps')} <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      {confirming && <ConfirmTransition view={view} step={confirming} onClose={() => setConfirming(undefined)} />}
    </>
  );
}

/** Confirms one transition, fires it with the case version, and shows the problem+json answer when refused. */
function ConfirmTransition({ view, step, onClose }: { view: CaseView; step: AvailableActionView; onClose: () => void }) {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const statusText = useStatusText();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const needsReason = NEEDS_REASON.includes(step.event);
  const { formProps, error, busy, form } = useFormSubmit<Values>(
    async (values) => {
      const items = values.items
        ?.split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const { data } = await transitionCase({
        path: { id: view.id },
        body: { event: step.event, expectedVersion: view.version, reason: values.reason || undefined, items: items?.length ? items : undefined },
        throwOnError: true,
      });
      queryClient.setQueryData(['cases', view.id], data);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      void message.success(t('casePage.done', { status: statusText(data.status).label }));
      onClose();
    },
    { onReload: () => void queryClient.invalidateQueries({ queryKey: ['cases', view.id] }).then(onClose) },
  );
  const action = plain('actions', step.event);

  return (
    <Modal
      open
      title={t('casePage.confirmTitle', { action })}
      okText={t('casePage.confirm')}
      cancelText={t('casePage.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('casePage.confirmText')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item name="reason" label={t('casePage.reason')} rules={needsReason ? [{ required: true, message: t('casePage.reasonRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {step.event === 'request_correction' && (
          <Form.Item name="items" label={t('casePage.items')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

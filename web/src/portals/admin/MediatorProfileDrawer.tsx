import { DISPUTE_TYPES } from '../../api/dispute-types';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, InputNumber, Radio, Select, Skeleton, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { getMediatorProfile, putMediatorProfile } from '../../api/generated/sdk.gen';
import type { MediatorProfileInput, MediatorProfileRecord, UserView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { useFormSubmit } from '../../api/use-form-submit';
import { describeProblem } from '../../api/use-problem';
import { FormAlert } from '../../shell/FormAlert';
import { ADMIN_KEY } from './admin-api';

type Editable = Pick<MediatorProfileInput, 'active' | 'disputeTypes' | 'technicalFields' | 'languages' | 'jurisdictions' | 'accreditations' | 'seniority' | 'capacity'>;

const ACCREDITATIONS: readonly MediatorProfileInput['accreditations'][number][] = [
  'court_invited',
  'wipo_neutral',
  'peoples_mediator',
  'lawyer',
  'patent_attorney',
  'retired_judge',
  'commercial_mediator',
];

/** A new mediator's profile starts empty and unavailable until the administrator fills it in. */
const EMPTY: Editable = { active: true, disputeTypes: [], technicalFields: [], languages: ['zh-CN'], jurisdictions: ['CN'], accreditations: [], seniority: 1, capacity: 10 };

/**
 * A mediator's profile as the matcher reads it. The declared relationships and past involvement
 * (conflict screening) are kept as they are: this form does not edit them.
 */
export function MediatorProfileDrawer({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: [ADMIN_KEY, 'mediator-profile', user.id],
    // No profile yet is a 404: the form starts empty.
    queryFn: async ({ signal }) => {
      try {
        return (await getMediatorProfile({ path: { userId: user.id }, signal, throwOnError: true })).data;
      } catch (error) {
        if (toApiProblem(error).status === 404) return null;
        throw error;
      }
    },
  });
  return (
    <Drawer title={t('adminPortal.profile.title', { name: user.displayName })} open onClose={onClose} size="large">
      {profile.isLoading && <Skeleton active />}
      {profile.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(profile.error), t)} />}
      {profile.isSuccess && <ProfileForm userId={user.id} existing={profile.data} onDone={onClose} />}
    </Drawer>
  );
}

function ProfileForm({ userId, existing, onDone }: { userId: string; existing: MediatorProfileRecord | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<Editable>(async (values) => {
    await putMediatorProfile({
      path: { userId },
      body: {
        ...values,
        onLeaveFrom: existing?.onLeaveFrom ?? null,
        onLeaveUntil: existing?.onLeaveUntil ?? null,
        courtIds: existing?.courtIds ?? [],
        organisationIds: existing?.organisationIds ?? [],
        organisationRelationships: existing?.relationships.organisations ?? [],
        personRelationships: existing?.relationships.people ?? [],
        pastInvolvement: existing?.pastInvolvement ?? [],
      },
      throwOnError: true,
    });
    void message.success(t('adminPortal.profile.saved'));
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
    onDone();
  });
  const initial: Editable = existing ?? EMPTY;
  return (
    <>
      <FormAlert message={error} />
      <Form<Editable> {...formProps} initialValues={initial}>
        <Form.Item name="active" label={t('adminPortal.profile.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="disputeTypes" label={t('adminPortal.profile.disputeTypes')}>
          <Select mode="multiple" options={DISPUTE_TYPES.map((d) => ({ value: d, label: t(`filing.types.${d}`) }))} />
        </Form.Item>
        <Form.Item name="technicalFields" label={t('adminPortal.profile.technicalFields')} extra={t('adminPortal.profile.technicalFieldsHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="languages" label={t('adminPortal.profile.languages')} extra={t('adminPortal.profile.languagesHelp')}>
          <Select
            mode="tags"
            tokenSeparators={[',', ' ']}
            options={[
              { value: 'zh-CN', label: '中文 (zh-CN)' },
              { value: 'en', label: 'English (en)' },
            ]}
          />
        </Form.Item>
        <Form.Item name="jurisdictions" label={t('adminPortal.profile.jurisdictions')} extra={t('adminPortal.profile.jurisdictionsHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="accreditations" label={t('adminPortal.profile.accreditations')}>
          <Select mode="multiple" options={ACCREDITATIONS.map((a) => ({ value: a, label: t(`adminPortal.profile.accreditationNames.${a}`) }))} />
        </Form.Item>
        <Form.Item name="seniority" label={t('adminPortal.profile.seniority')}>
          <Radio.Group options={([1, 2, 3] as const).map((s) => ({ value: s, label: t(`adminPortal.profile.seniorities.${s}`) }))} />
        </Form.Item>
        <Form.Item name="capacity" label={t('adminPortal.profile.capacity')} extra={t('adminPortal.profile.capacityHelp')}>
          <InputNumber min={0} max={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('adminPortal.save')}
        </Button>
      </Form>
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { setMyAvailability } from '../../api/generated/sdk.gen';
import type { MediatorProfileRecord } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { useFormSubmit } from '../../api/use-form-submit';
import { describeProblem } from '../../api/use-problem';
import { FormAlert } from '../../shell/FormAlert';
import { mediatorProfileQuery } from './queue-api';
import { availabilityOf } from './queue-rules';
import { useQueueWords } from './queue-words';

interface Values {
  active: boolean;
  onLeaveUntil?: Dayjs | null;
}

/** Whether I take new cases (the one thing a mediator sets itself), and my profile as the matcher reads it. */
export function AvailabilityAndProfile({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const profile = useQuery(mediatorProfileQuery(userId));
  if (profile.isLoading) return <Skeleton active />;
  if (profile.error) {
    const problem = toApiProblem(profile.error);
    return (
      <Alert
        type={problem.status === 404 ? 'warning' : 'error'}
        showIcon
        role="alert"
        title={problem.status === 404 ? t('mediatorQueue.profile.missing') : describeProblem(problem, t)}
      />
    );
  }
  if (!profile.data) return null;
  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }}>
      <AvailabilityForm profile={profile.data} />
      <ProfileCard profile={profile.data} />
    </Space>
  );
}

function AvailabilityForm({ profile }: { profile: MediatorProfileRecord }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const now = availabilityOf(profile);
  const { formProps, form, error, busy } = useFormSubmit<Values>(async (values) => {
    const until = values.active ? null : values.onLeaveUntil;
    // Away until a day: a leave the matcher ends by itself after that day. Away with no day: inactive until turned back on.
    const body = until ? { active: true, onLeaveFrom: null, onLeaveUntil: until.endOf('day').toISOString() } : { active: values.active, onLeaveFrom: null, onLeaveUntil: null };
    const { data } = await setMyAvailability({ body, throwOnError: true });
    queryClient.setQueryData(mediatorProfileQuery(profile.userId).queryKey, data);
    void message.success(t('mediatorQueue.availability.saved'));
  });
  const active = Form.useWatch('active', form) ?? now.kind === 'available';

  const state =
    now.kind === 'available'
      ? now.leaveFrom
        ? t('mediatorQueue.availability.leavePlanned', { from: dayjs(now.leaveFrom).format('LL'), until: dayjs(now.leaveUntil).format('LL') })
        : t('mediatorQueue.availability.available')
      : now.until
        ? t('mediatorQueue.availability.awayUntil', { date: dayjs(now.until).format('LL') })
        : t('mediatorQueue.availability.away');

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('mediatorQueue.availability.title')}
        </Typography.Title>
      }
      data-testid="availability"
    >
      <Alert type={now.kind === 'available' ? 'success' : 'warning'} showIcon title={<span data-testid="availability-state">{state}</span>} style={{ marginBottom: 16 }} />
      <FormAlert message={error} />
      <Form<Values> {...formProps} initialValues={{ active: now.kind === 'available', onLeaveUntil: now.kind === 'away' && now.until ? dayjs(now.until) : null }}>
        <Form.Item name="active" label={t('mediatorQueue.availability.choice')}>
          <Radio.Group
            options={[
              { value: true, label: t('mediatorQueue.availability.on') },
              { value: false, label: t('mediatorQueue.availability.off') },
            ]}
          />
        </Form.Item>
        {!active && (
          <Form.Item name="onLeaveUntil" label={t('mediatorQueue.availability.until')} extra={t('mediatorQueue.availability.untilHelp')}>
            <DatePicker format="YYYY-MM-DD" disabledDate={(day) => day.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('mediatorQueue.availability.save')}
        </Button>
      </Form>
    </Card>
  );
}

function ProfileCard({ profile }: { profile: MediatorProfileRecord }) {
  const { t } = useTranslation();
  const words = useQueueWords();
  const none = <Typography.Text type="secondary">{t('mediatorQueue.profile.none')}</Typography.Text>;
  const tags = (items: string[], word: (code: string) => string = (c) => c) => (items.length ? items.map((i) => <Tag key={i}>{word(i)}</Tag>) : none);
  const seniority = String(profile.seniority) as '1' | '2' | '3';

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('mediatorQueue.profile.title')}
        </Typography.Title>
      }
      data-testid="mediator-profile"
    >
      <Typography.Paragraph type="secondary">{t('mediatorQueue.profile.intro')}</Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'types', label: t('mediatorQueue.profile.disputeTypes'), children: <span>{tags(profile.disputeTypes, words.disputeType)}</span> },
          { key: 'languages', label: t('mediatorQueue.profile.languages'), children: <span>{tags(profile.languages, words.language)}</span> },
          { key: 'seniority', label: t('mediatorQueue.profile.seniority'), children: t(`mediatorQueue.profile.seniorities.${seniority}`, { defaultValue: seniority }) },
          {
            key: 'capacity',
            label: t('mediatorQueue.profile.capacity'),
            children: t('mediatorQueue.profile.capacityValue', { open: profile.openCases, capacity: profile.capacity }),
          },
          { key: 'fields', label: t('mediatorQueue.profile.technicalFields'), children: <span>{tags(profile.technicalFields)}</span> },
          { key: 'jurisdictions', label: t('mediatorQueue.profile.jurisdictions'), children: <span>{tags(profile.jurisdictions)}</span> },
        ]}
      />
    </Card>
  );
}

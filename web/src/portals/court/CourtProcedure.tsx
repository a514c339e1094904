import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewObjection, summonParties } from '../../api/generated/sdk.gen';
import type { ApplicationView, ObjectionView } from '../../api/generated/types.gen';
import { useFormSubmit } from '../../api/use-form-submit';
import { FormAlert } from '../../shell/FormAlert';
import { applied, applicationQuery } from './court-api';

const DATE_TIME = 'YYYY-MM-DD HH:mm';

/** The court's own deadline passed with nothing done (docs/procedural-rules.md D20): a red mark beside the stage. */
export function OverdueTag({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  if (view.status === 'lodged' && view.docket.overdueAt)
    return (
      <Tag color="red" data-testid="overdue">
        {t('courtDesk.procedure.overdueDocket')}
      </Tag>
    );
  if (view.status === 'docketed' && view.decision.overdueAt)
    return (
      <Tag color="red" data-testid="overdue">
        {t('courtDesk.procedure.overdueDecision')}
      </Tag>
    );
  return null;
}

interface SummonsValues {
  attendAt: Dayjs;
  place?: string;
  videoLink?: string;
  note?: string;
}

/** Summon the parties to attend, at a place or by video, while a docketed application is reviewed (D21). */
export function SummonButton({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { formProps, error, busy, form } = useFormSubmit<SummonsValues>(async ({ attendAt, place, videoLink, note }) => {
    const { data } = await summonParties({
      path: { id: view.id },
      body: { attendAt: attendAt.toISOString(), place: place?.trim() || undefined, videoLink: videoLink?.trim() || undefined, note: note?.trim() || undefined },
      throwOnError: true,
    });
    await applied(queryClient, data);
    void message.success(t('courtDesk.procedure.summoned'));
    setOpen(false);
  });
  if (view.status !== 'docketed') return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('courtDesk.procedure.summon')}</Button>
      <Modal
        open={open}
        title={t('courtDesk.procedure.summonTitle', { number: view.caseNumber })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('courtDesk.procedure.summonSend')}
        cancelText={t('courtDesk.clerk.cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('courtDesk.procedure.summonText', { date: view.decision.lastDay ? dayjs(view.decision.lastDay).format('LL') : '—' })}</Typography.Paragraph>
        <FormAlert message={error} />
        <Form<SummonsValues> {...formProps}>
          <Form.Item name="attendAt" label={t('courtDesk.procedure.attendAt')} rules={[{ required: true, message: t('courtDesk.procedure.attendAtRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} minDate={dayjs().startOf('day')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label={t('courtDesk.procedure.place')} extra={t('courtDesk.procedure.placeHelp')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="videoLink" label={t('courtDesk.procedure.videoLink')} rules={[{ pattern: /^https:\/\/\S+$/, message: t('courtDesk.procedure.videoLinkHelp') }]}>
            <Input inputMode="url" placeholder="https://meeting.court.example/j/123456" />
          </Form.Item>
          <Form.Item name="note" label={t('courtDesk.procedure.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The summonses issued and the objections filed against the ruling; the court reviews a third party's interest here. */
export function ProcedureTab({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('courtDesk.procedure.summonses')}
      </Typography.Title>
      <List
        data-testid="summonses"
        dataSource={view.summonses}
        locale={{ emptyText: <Typography.Text type="secondary">{t('courtDesk.procedure.noSummonses')}</Typography.Text> }}
        renderItem={(s) => (
          <List.Item>
            <List.Item.Meta
              title={dayjs(s.attendAt).format('LLL')}
              description={[s.place, s.videoLink, s.note].filter(Boolean).join(' · ') + ` · ${t('courtDesk.procedure.issued', { date: dayjs(s.issuedAt).format('LLL') })}`}
            />
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('courtDesk.procedure.objections')}
      </Typography.Title>
      <List
        data-testid="objections"
        dataSource={view.objections}
        locale={{ emptyText: <Typography.Text type="secondary">{t('courtDesk.procedure.noObjections')}</Typography.Text> }}
        renderItem={(o) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{o.objectorName}</Typography.Text>
                <Tag>{o.kind === 'party' ? t('courtDesk.procedure.byParty') : t('courtDesk.procedure.byThirdParty')}</Tag>
                <Typography.Text type="secondary">{t('courtDesk.procedure.filed', { date: dayjs(o.filedAt).format('LLL') })}</Typography.Text>
              </Space>
              {o.interest && <Typography.Text>{t('courtDesk.procedure.interest', { interest: o.interest })}</Typography.Text>}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.text}</Typography.Paragraph>
              {o.review && (
                <Typography.Text type="secondary">
                  {t(`courtDesk.procedure.reviewed.${o.review.decision === 'admitted' ? 'admitted' : 'dismissed'}`, { note: o.review.note })}
                </Typography.Text>
              )}
              {o.kind === 'third_party' && !o.review && <ReviewForm view={view} objection={o} />}
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

function ReviewForm({ view, objection }: { view: ApplicationView; objection: ObjectionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<{ decision: 'admitted' | 'dismissed'; note: string }>(async (body) => {
    await reviewObjection({ path: { id: objection.id }, body, throwOnError: true });
    await queryClient.invalidateQueries({ queryKey: applicationQuery(view.id).queryKey });
  });
  return (
    <>
      <FormAlert message={error} />
      <Form {...formProps} layout="inline" aria-label={t('courtDesk.procedure.reviewLabel', { name: objection.objectorName })}>
        <Form.Item name="decision" rules={[{ required: true, message: t('courtDesk.procedure.decisionRequired') }]}>
          <Radio.Group
            aria-label={t('courtDesk.procedure.reviewLabel', { name: objection.objectorName })}
            options={[
              { value: 'admitted', label: t('courtDesk.procedure.admit') },
              { value: 'dismissed', label: t('courtDesk.procedure.dismiss') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" rules={[{ required: true, min: 3, whitespace: true, message: t('courtDesk.procedure.noteRequired') }]}>
          <Input placeholder={t('courtDesk.procedure.reviewNote')} aria-label={t('courtDesk.procedure.reviewNote')} maxLength={4000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('courtDesk.procedure.record')}
        </Button>
      </Form>
    </>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Alert, App, Button, Card, Checkbox, Collapse, Descriptions, Flex, Form, Input, List, Modal, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptAssignment, declineAssignment } from '../../api/generated/sdk.gen';
import type { QueueOfferView } from '../../api/generated/types.gen';
import { useFormSubmit } from '../../api/use-form-submit';
import { FormAlert } from '../../shell/FormAlert';
import { useQueueWords } from './queue-words';

type Answering = { offer: QueueOfferView; answer: 'accept' | 'decline' };

/** The offers waiting for my answer, soonest due first: each with its countdown, why me, and whom it is between. */
export function OffersSection({ offers }: { offers: QueueOfferView[] }) {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState<Answering>();
  const queryClient = useQueryClient();
  // Closing a dialog also refreshes the queue: the offer may have been answered elsewhere or have expired meanwhile.
  const close = () => {
    setAnswering(undefined);
    void queryClient.invalidateQueries({ queryKey: ['mediator', 'queue'] });
  };

  return (
    <section aria-labelledby="mq-offers" data-testid="offers">
      <Typography.Title level={2} id="mq-offers" style={{ fontSize: 22 }}>
        {t('mediatorQueue.offers.title')} {offers.length > 0 && <Tag color="#b42318">{offers.length}</Tag>}
      </Typography.Title>
      {offers.length === 0 && <Typography.Paragraph type="secondary">{t('mediatorQueue.offers.empty')}</Typography.Paragraph>}
      <Flex vertical gap={16} style={{ marginBottom: 32 }}>
        {offers.map((offer) => (
          <OfferCard key={offer.offerId} offer={offer} onAnswer={(answer) => setAnswering({ offer, answer })} />
        ))}
      </Flex>
      {answering?.answer === 'accept' && <AcceptDialog offer={answering.offer} onClose={close} />}
      {answering?.answer === 'decline' && <DeclineDialog offer={answering.offer} onClose={close} />}
    </section>
  );
}

function OfferCard({ offer, onAnswer }: { offer: QueueOfferView; onAnswer: (answer: Answering['answer']) => void }) {
  const { t } = useTranslation();
  const words = useQueueWords();
  const queryClient = useQueryClient();
  const why = offer.explanation;
  const headingId = `offer-${offer.offerId}`;

  return (
    <Card data-testid="offer" data-case-number={offer.number} aria-labelledby={headingId} styles={{ body: { paddingTop: 8 } }}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Typography.Title level={3} id={headingId} style={{ fontSize: 18, marginTop: 8 }}>
            {offer.title}
          </Typography.Title>
          <Space wrap size={[8, 4]}>
            <Typography.Text>{offer.number}</Typography.Text>
            <Tag>{words.disputeType(offer.disputeType)}</Tag>
            <Link to="/cases/$caseId" params={{ caseId: offer.caseId }} search={{}}>
              {t('mediatorQueue.offers.readCase')}
            </Link>
          </Space>
        </div>
        <Statistic.Timer
          type="countdown"
          data-testid="offer-countdown"
          title={t('mediatorQueue.offers.timeLeft')}
          value={dayjs(offer.dueAt).valueOf()}
          format={t('mediatorQueue.offers.countdownFormat')}
          onFinish={() => void queryClient.invalidateQueries({ queryKey: ['mediator', 'queue'] })}
          styles={{ content: { fontSize: 20 } }}
        />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('mediatorQueue.offers.answerBy', { date: dayjs(offer.dueAt).format('LLL') })}
      </Typography.Paragraph>

      <Typography.Title level={4} style={{ fontSize: 16 }}>
        {t('mediatorQueue.offers.whyYou')}
      </Typography.Title>
      <div data-testid="offer-explanation">
        <Typography.Paragraph>{t(`mediatorQueue.offers.source.${why.source}`)}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            ...(why.reason ? [{ key: 'reason', label: t('mediatorQueue.offers.reason'), children: why.reason }] : []),
            ...(why.track ? [{ key: 'track', label: t('mediatorQueue.offers.track'), children: t(`mediatorQueue.offers.tracks.${why.track}`) }] : []),
            ...(why.score !== null ? [{ key: 'score', label: t('mediatorQueue.offers.score'), children: percent(why.score) }] : []),
            ...why.parts.map((part) => ({
              key: part.name,
              label: t(`mediatorQueue.offers.parts.${part.name}`),
              children: `${percent(part.value)} (${t('mediatorQueue.offers.partWeight', { weight: percent(part.weight) })})`,
            })),
          ]}
        />
        {why.filtersPassed.length > 0 && (
          // Every offered mediator passed every check: folded, so the case and the answer stay in view.
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'checks',
                label: t('mediatorQueue.offers.checks', { count: why.filtersPassed.length }),
                children: <List size="small" dataSource={why.filtersPassed} renderItem={(filter) => <List.Item>✓ {words.filter(filter)}</List.Item>} />,
              },
            ]}
          />
        )}
      </div>

      <Typography.Title level={4} style={{ fontSize: 16, marginTop: 16 }}>
        {t('mediatorQueue.offers.disclosureTitle')}
      </Typography.Title>
      <Alert type="info" title={t('mediatorQueue.offers.disclosureText')} style={{ marginBottom: 8 }} />
      <List
        size="small"
        data-testid="offer-people"
        header={<Typography.Text strong>{t('mediatorQueue.offers.people')}</Typography.Text>}
        dataSource={offer.people}
        renderItem={(person) => (
          <List.Item>
            <Space wrap size={[8, 0]}>
              <Tag>{t(`mediatorQueue.offers.sides.${person.side}`)}</Tag>
              {person.role === 'agent' && <Typography.Text type="secondary">{t('mediatorQueue.offers.agent')}</Typography.Text>}
              <Typography.Text>{person.name}</Typography.Text>
              {person.organisation && <Typography.Text type="secondary">{person.organisation}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />

      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <Button type="primary" aria-label={t('mediatorQueue.offers.acceptAria', { number: offer.number })} onClick={() => onAnswer('accept')}>
          {t('mediatorQueue.offers.accept')}
        </Button>
        <Button aria-label={t('mediatorQueue.offers.declineAria', { number: offer.number })} onClick={() => onAnswer('decline')}>
          {t('mediatorQueue.offers.decline')}
        </Button>
      </Flex>
    </Card>
  );
}

const percent = (value: number): string => `${Math.round(value * 100)} %`;

/** Accepting signs the conflict-of-interest disclosure (OMR 13); then the case is mine and its page opens. */
function AcceptDialog({ offer, onClose }: { offer: QueueOfferView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { formProps, form, error, busy } = useFormSubmit<{ noConflict: boolean; statement?: string }>(
    async (values) => {
      await acceptAssignment({ path: { id: offer.caseId }, body: { noConflict: values.noConflict, statement: values.statement?.trim() || undefined }, throwOnError: true });
      await queryClient.invalidateQueries({ queryKey: ['mediator'] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      void message.success(t('mediatorQueue.offers.accepted', { number: offer.number }));
      onClose();
      await navigate({ to: '/cases/$caseId', params: { caseId: offer.caseId }, search: {} });
    },
    { messages: { 409: t('mediatorQueue.offers.gone') } },
  );

  return (
    <Modal
      open
      title={t('mediatorQueue.offers.acceptTitle', { number: offer.number })}
      okText={t('mediatorQueue.offers.confirmAccept')}
      cancelText={t('mediatorQueue.offers.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('mediatorQueue.offers.disclosureText')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ noConflict: false }}>
        <Form.Item
          name="noConflict"
          valuePropName="checked"
          rules={[{ validator: (_, checked) => (checked ? Promise.resolve() : Promise.reject(new Error(t('mediatorQueue.offers.noConflictRequired')))) }]}
        >
          <Checkbox>{t('mediatorQueue.offers.noConflict')}</Checkbox>
        </Form.Item>
        <Form.Item name="statement" label={t('mediatorQueue.offers.statement')} extra={t('mediatorQueue.offers.statementHelp')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Declining needs a reason; the next mediator is offered the case. */
function DeclineDialog({ offer, onClose }: { offer: QueueOfferView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { formProps, form, error, busy } = useFormSubmit<{ reason: string }>(
    async (values) => {
      await declineAssignment({ path: { id: offer.caseId }, body: { reason: values.reason.trim() }, throwOnError: true });
      await queryClient.invalidateQueries({ queryKey: ['mediator', 'queue'] });
      void message.success(t('mediatorQueue.offers.declined', { number: offer.number }));
      onClose();
    },
    { messages: { 409: t('mediatorQueue.offers.gone') } },
  );

  return (
    <Modal
      open
      title={t('mediatorQueue.offers.declineTitle', { number: offer.number })}
      okText={t('mediatorQueue.offers.confirmDecline')}
      okButtonProps={{ danger: true }}
      cancelText={t('mediatorQueue.offers.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('mediatorQueue.offers.declineHelp')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item
          name="reason"
          label={t('mediatorQueue.offers.declineReason')}
          rules={[{ required: true, whitespace: true, message: t('mediatorQueue.offers.declineReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, Modal, Radio, Space, Statistic, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptOffer, counterOffer, makeOffer, rejectOffer, withdrawOffer } from '../api/generated/sdk.gen';
import type { CaseView, OfferView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { when } from '../case-page/plain-words';
import type { RoomPanelProps } from '../room/room-panel';
import { FormAlert } from '../shell/FormAlert';
import { inMediation, offersQuery, otherSide, ownSide, partiesOf, TAG, type Side } from './negotiation-api';
import { emptyTerms, fromSettlementTerms, toSettlementTerms, type TermsFormValues } from './terms-form';
import { TermsFields } from './TermsFields';
import { TermsView } from './TermsView';

const STATUS_COLOURS: Record<OfferView['status'], string | undefined> = {
  open: TAG.active,
  accepted: TAG.positive,
  rejected: TAG.negative,
  countered: TAG.neutral,
  expired: TAG.neutral,
  withdrawn: TAG.neutral,
};

/** "Applicant (Hangzhou Jia Technology Co., Ltd.)": a side with its parties' names. */
export function useSideName(view: CaseView): (side: Side) => string {
  const { t } = useTranslation();
  return (side) => {
    const names = partiesOf(view, side)
      .map((p) => p.name)
      .join(', ');
    return names ? t('negotiation.sideWithNames', { side: t(`negotiation.sides.${side}`), names }) : t(`negotiation.sides.${side}`);
  };
}

/**
 * Offers between the sides: the negotiation's history as a timeline, the open offer with what
 * this person may do with it (accept, reject or counter it for the other side; withdraw it for
 * its maker), and a new offer when none is open. Only the mediator and the parties see this.
 */
export function OffersPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const offers = useQuery(offersQuery(view.id));
  const sideName = useSideName(view);
  const [composing, setComposing] = useState<{ counter?: OfferView }>();
  const negotiation = offers.data;
  const open = negotiation?.offers.find((o) => o.status === 'open');
  const canOffer = inMediation(view) && negotiation?.status === 'open';

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('negotiation.offers.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('negotiation.offers.intro')}</Typography.Paragraph>
      {offers.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(offers.error), t)} />}
      {negotiation?.status === 'agreed' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="negotiation-agreed"
          title={t('negotiation.offers.agreedTitle')}
          description={t('negotiation.offers.agreedText')}
        />
      )}
      {open && <OpenOffer view={view} offer={open} isMediator={isMediator} active={canOffer} onCounter={() => setComposing({ counter: open })} />}
      {canOffer && !open && (
        <Button type="primary" onClick={() => setComposing({})} style={{ marginBottom: 24 }}>
          {t('negotiation.offers.make')}
        </Button>
      )}
      <Typography.Title level={3} style={{ fontSize: 17 }}>
        {t('negotiation.offers.history')}
      </Typography.Title>
      {negotiation && negotiation.offers.length === 0 && <Typography.Paragraph type="secondary">{t('negotiation.offers.none')}</Typography.Paragraph>}
      <Timeline
        data-testid="offer-history"
        items={(negotiation?.offers ?? []).map((offer) => ({
          key: offer.id,
          color: offer.status === 'accepted' ? 'green' : offer.status === 'rejected' ? 'red' : offer.status === 'open' ? 'blue' : 'gray',
          content: (
            <div data-testid={`offer-${offer.sequence}`}>
              <Space wrap size={8}>
                <Typography.Text strong>{t('negotiation.offers.numbered', { n: offer.sequence, side: sideName(offer.makerSide) })}</Typography.Text>
                <Tag color={STATUS_COLOURS[offer.status]}>{t(`negotiation.offerStatus.${offer.status}`)}</Tag>
              </Space>
              <br />
              <Typography.Text type="secondary">
                {when(offer.madeAt)}
                {offer.madeBy.capacity === 'mediator' && ` · ${t('negotiation.offers.byMediator')}`}
                {offer.countersOfferId && ` · ${t('negotiation.offers.counters', { n: negotiation?.offers.find((o) => o.id === offer.countersOfferId)?.sequence ?? '?' })}`}
                {offer.expiresAt && ` · ${t('negotiation.offers.expiresAt', { at: when(offer.expiresAt) ?? '' })}`}
              </Typography.Text>
              <TermsView terms={offer.terms} />
              {offer.note && <Typography.Paragraph type="secondary">{t('negotiation.offers.reasonGiven', { reason: offer.note })}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
      {composing && (
        <OfferForm
          view={view}
          isMediator={isMediator}
          counter={composing.counter}
          previousCurrency={negotiation?.offers.at(-1)?.terms.money?.currency}
          onClose={() => setComposing(undefined)}
        />
      )}
    </>
  );
}

function OpenOffer({ view, offer, isMediator, active, onCounter }: { view: CaseView; offer: OfferView; isMediator: boolean; active: boolean; onCounter: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const handleProblem = useProblemHandler();
  const sideName = useSideName(view);
  const [error, setError] = useState<string>();
  const [rejecting, setRejecting] = useState(false);
  const side = ownSide(view);
  const mine = side === offer.makerSide;
  const theirs = side !== undefined && !mine;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cases', view.id] });

  const act = (action: 'accept' | 'withdraw') =>
    modal.confirm({
      title: t(`negotiation.offers.${action}Confirm`, { n: offer.sequence }),
      content: t(`negotiation.offers.${action}ConfirmText`),
      okText: t(`negotiation.offers.${action}`),
      cancelText: t('negotiation.cancel'),
      onOk: async () => {
        setError(undefined);
        try {
          const call = action === 'accept' ? acceptOffer : withdrawOffer;
          await call({ path: { id: view.id, offerId: offer.id }, body: {}, throwOnError: true });
        } catch (problem) {
          setError(handleProblem(problem));
        }
        await refresh();
      },
    });

  return (
    <Card
      title={t('negotiation.offers.openTitle', { n: offer.sequence, side: sideName(offer.makerSide) })}
      style={{ marginBottom: 24 }}
      data-testid="open-offer"
      extra={offer.expiresAt && <Tag>{t('negotiation.offers.expiresAt', { at: when(offer.expiresAt) ?? '' })}</Tag>}
    >
      <FormAlert message={error} />
      {offer.expiresAt && (
        <Statistic.Timer
          type="countdown"
          title={t('negotiation.offers.timeLeft')}
          value={dayjs(offer.expiresAt).valueOf()}
          format={t('negotiation.countdownFormat')}
          onFinish={() => void refresh()}
          style={{ marginBottom: 12 }}
        />
      )}
      <TermsView terms={offer.terms} />
      {active && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {theirs ? t('negotiation.offers.yourAnswer') : mine ? t('negotiation.offers.waitingForOther') : t('negotiation.offers.mediatorMay')}
          </Typography.Paragraph>
          <Space wrap>
            {theirs && (
              <>
                <Button type="primary" onClick={() => act('accept')}>
                  {t('negotiation.offers.accept')}
                </Button>
                <Button onClick={onCounter}>{t('negotiation.offers.counter')}</Button>
                <Button danger onClick={() => setRejecting(true)}>
                  {t('negotiation.offers.reject')}
                </Button>
              </>
            )}
            {mine && <Button onClick={() => act('withdraw')}>{t('negotiation.offers.withdraw')}</Button>}
            {isMediator && <Button onClick={onCounter}>{t('negotiation.offers.counterFor', { side: t(`negotiation.sides.${otherSide(offer.makerSide)}`) })}</Button>}
          </Space>
        </>
      )}
      {rejecting && <RejectDialog caseId={view.id} offer={offer} onClose={() => setRejecting(false)} />}
    </Card>
  );
}

function RejectDialog({ caseId, offer, onClose }: { caseId: string; offer: OfferView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<{ reason?: string }>(async ({ reason }) => {
    await rejectOffer({ path: { id: caseId, offerId: offer.id }, body: { reason: reason?.trim() || undefined }, throwOnError: true });
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    onClose();
  });
  return (
    <Modal open title={t('negotiation.offers.rejectTitle', { n: offer.sequence })} onCancel={onClose} footer={null} destroyOnHidden>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item name="reason" label={t('negotiation.offers.rejectReason')} extra={t('negotiation.offers.rejectReasonHelp')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button danger type="primary" htmlType="submit" loading={busy}>
            {t('negotiation.offers.reject')}
          </Button>
          <Button onClick={onClose}>{t('negotiation.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

interface OfferFormValues extends TermsFormValues {
  onBehalfOf?: Side;
  /** Whether the offer has a time limit (then expiresAt). */
  limited?: boolean;
}

/** A new offer, or a counter to the open one (starting from its terms). The mediator names the side it offers for. */
function OfferForm({
  view,
  isMediator,
  counter,
  previousCurrency,
  onClose,
}: {
  view: CaseView;
  isMediator: boolean;
  counter?: OfferView;
  previousCurrency?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const sideName = useSideName(view);
  const { formProps, form, error, busy } = useFormSubmit<OfferFormValues>(async (values) => {
    const body = {
      terms: toSettlementTerms(values),
      ...(values.limited && values.expiresAt ? { expiresAt: values.expiresAt.toISOString() } : {}),
      ...(isMediator && !counter ? { onBehalfOf: values.onBehalfOf } : {}),
    };
    const headers = { 'Idempotency-Key': idempotency.key() };
    if (counter) await counterOffer({ path: { id: view.id, offerId: counter.id }, body, headers, throwOnError: true });
    else await makeOffer({ path: { id: view.id }, body, headers, throwOnError: true });
    idempotency.done();
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
    onClose();
  });
  const limited = Form.useWatch('limited', form);
  const initial: OfferFormValues = counter ? fromSettlementTerms(counter.terms) : emptyTerms(previousCurrency);
  const title = counter ? t('negotiation.offers.counterTitle', { n: counter.sequence }) : t('negotiation.offers.make');

  return (
    <Drawer open title={title} onClose={onClose} size="min(720px, 100vw)" destroyOnHidden>
      <FormAlert message={error} />
      <Form<OfferFormValues> {...formProps} initialValues={{ ...initial, onBehalfOf: isMediator ? 'applicant' : undefined }}>
        {isMediator && !counter && (
          <Form.Item name="onBehalfOf" label={t('negotiation.offers.onBehalfOf')}>
            <Radio.Group options={(['applicant', 'respondent'] as const).map((s) => ({ value: s, label: sideName(s) }))} />
          </Form.Item>
        )}
        <TermsFields />
        <Form.Item name="limited" valuePropName="checked" extra={t('negotiation.offers.expiryHelp')}>
          <Checkbox>{t('negotiation.offers.limited')}</Checkbox>
        </Form.Item>
        {limited && (
          // Cleared by unticking the box above: the picker's own clear icon is too small a target (WCAG 2.5.8).
          <Form.Item name="expiresAt" label={t('negotiation.offers.expiry')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear={false}
              disabledDate={(d: Dayjs) => d.isBefore(dayjs(), 'day')}
              // Enter confirms a typed date; it must not also send the whole offer.
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {counter ? t('negotiation.offers.sendCounter') : t('negotiation.offers.send')}
          </Button>
          <Button onClick={onClose}>{t('negotiation.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

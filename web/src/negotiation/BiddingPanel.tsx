import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Form, Input, InputNumber, Radio, Result, Select, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { placeBlindBid, startBlindBidding } from '../api/generated/sdk.gen';
import type { BlindBidMediatorViewDoc, BlindBidSideViewDoc, RoundSummaryView, StartBlindBiddingRequest } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem } from '../api/use-problem';
import type { RoomPanelProps } from '../room/room-panel';
import { FormAlert } from '../shell/FormAlert';
import { biddingQuery, inMediation, isSideView, TAG } from './negotiation-api';
import { useSideName } from './OffersPanel';
import { CURRENCIES } from './terms-form';
import { useMoney } from './TermsView';

/**
 * Double-blind bidding on the money: each side seals its own figure per round; figures that
 * meet (or come within the gap) settle at their midpoint. The API never sends anyone the other
 * side's figure — the mediator included — so this screen cannot show it: a party sees its own
 * figures and each round's outcome, the mediator only who has entered a figure.
 */
export function BiddingPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const bidding = useQuery(biddingQuery(view.id));
  const data = bidding.data;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('negotiation.bidding.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('negotiation.bidding.intro')}</Typography.Paragraph>
      {bidding.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(bidding.error), t)} />}
      {data === null &&
        (isMediator && inMediation(view) ? (
          <StartForm caseId={view.id} view={view} />
        ) : (
          <Typography.Paragraph data-testid="bidding-not-started">{t('negotiation.bidding.notStarted')}</Typography.Paragraph>
        ))}
      {data && (isSideView(data) ? <SideBidding caseId={view.id} bidding={data} active={inMediation(view)} /> : <MediatorBidding bidding={data} />)}
    </>
  );
}

interface StartValues {
  currency: string;
  claimantSide: 'applicant' | 'respondent';
  maxRounds: number;
  gap: { kind: 'none' | 'absolute' | 'percentage'; amount?: string; percent?: string };
}

function StartForm({ caseId, view }: { caseId: string; view: RoomPanelProps['view'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const sideName = useSideName(view);
  const { formProps, error, busy, form } = useFormSubmit<StartValues>(async (values) => {
    const gap =
      values.gap.kind === 'absolute'
        ? { kind: 'absolute' as const, amount: values.gap.amount ?? '' }
        : values.gap.kind === 'percentage'
          ? { kind: 'percentage' as const, percent: values.gap.percent ?? '' }
          : { kind: 'none' as const };
    const body: StartBlindBiddingRequest = { currency: values.currency, claimantSide: values.claimantSide, maxRounds: values.maxRounds, gap };
    await startBlindBidding({ path: { id: caseId }, body, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
    idempotency.done();
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId, 'blind-bidding'] });
  });
  const gapKind = Form.useWatch(['gap', 'kind'], form);
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 17 }}>
        {t('negotiation.bidding.open')}
      </Typography.Title>
      <FormAlert message={error} />
      <Form<StartValues> {...formProps} initialValues={{ currency: 'CNY', claimantSide: 'applicant', maxRounds: 3, gap: { kind: 'none' } }} style={{ maxWidth: 560 }}>
        <Form.Item name="currency" label={t('negotiation.terms.currency')}>
          <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="claimantSide" label={t('negotiation.bidding.claimantSide')} extra={t('negotiation.bidding.claimantSideHelp')}>
          <Radio.Group options={(['applicant', 'respondent'] as const).map((s) => ({ value: s, label: sideName(s) }))} />
        </Form.Item>
        <Form.Item name="maxRounds" label={t('negotiation.bidding.rounds')}>
          <InputNumber min={1} max={10} precision={0} />
        </Form.Item>
        <Form.Item name={['gap', 'kind']} label={t('negotiation.bidding.gap')} extra={t('negotiation.bidding.gapHelp')}>
          <Radio.Group
            options={[
              { value: 'none', label: t('negotiation.bidding.gapNone') },
              { value: 'absolute', label: t('negotiation.bidding.gapAbsolute') },
              { value: 'percentage', label: t('negotiation.bidding.gapPercentage') },
            ]}
          />
        </Form.Item>
        {gapKind === 'absolute' && (
          <Form.Item name={['gap', 'amount']} label={t('negotiation.bidding.gapAmount')}>
            <Input inputMode="decimal" autoComplete="off" style={{ maxWidth: 240 }} />
          </Form.Item>
        )}
        {gapKind === 'percentage' && (
          <Form.Item name={['gap', 'percent']} label={t('negotiation.bidding.gapPercent')}>
            <Input inputMode="decimal" autoComplete="off" suffix="%" style={{ maxWidth: 160 }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('negotiation.bidding.openButton')}
        </Button>
      </Form>
    </>
  );
}

function Rounds({ rounds, maxRounds, currentRound }: { rounds: RoundSummaryView[]; maxRounds: number; currentRound: number | null }) {
  const { t } = useTranslation();
  // Once bidding is over (no current round), the rounds never played are left out.
  const shown = currentRound === null ? rounds.length : maxRounds;
  const items = Array.from({ length: shown }, (_, i) => {
    const round = rounds.find((r) => r.number === i + 1);
    const outcome = round?.outcome ?? (currentRound === i + 1 ? 'pending' : 'later');
    return {
      title: t('negotiation.bidding.round', { n: i + 1 }),
      content: t(`negotiation.bidding.outcome.${outcome as 'pending'}`),
      status: (outcome === 'settled' ? 'finish' : outcome === 'not_settled' ? 'error' : outcome === 'pending' ? 'process' : 'wait') as 'finish' | 'error' | 'process' | 'wait',
    };
  });
  return <Steps size="small" items={items} style={{ marginBlock: 16 }} data-testid="bidding-rounds" />;
}

function Settled({ amount, currency }: { amount: string; currency: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Result
      status="success"
      title={t('negotiation.bidding.settledTitle')}
      subTitle={<span data-testid="settlement-amount">{t('negotiation.bidding.settledText', { amount: money(amount, currency) })}</span>}
    />
  );
}

function MediatorBidding({ bidding }: { bidding: BlindBidMediatorViewDoc }) {
  const { t } = useTranslation();
  const yesNo = (entered: boolean | undefined) => (entered ? <Tag color={TAG.positive}>{t('negotiation.bidding.entered')}</Tag> : <Tag>{t('negotiation.bidding.notEntered')}</Tag>);
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'status', label: t('negotiation.bidding.status'), children: t(`negotiation.bidding.mediatorStatus.${bidding.status}`) },
          { key: 'currency', label: t('negotiation.terms.currency'), children: bidding.currency },
          { key: 'left', label: t('negotiation.bidding.roundsLeft'), children: t('negotiation.bidding.roundsLeftValue', { left: bidding.roundsLeft, max: bidding.maxRounds }) },
          ...(bidding.status === 'open'
            ? [
                { key: 'claimant', label: t('negotiation.bidding.claimantFigure'), children: yesNo(bidding.submittedCurrentRound.claimant) },
                { key: 'respondent', label: t('negotiation.bidding.respondentFigure'), children: yesNo(bidding.submittedCurrentRound.respondent) },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('negotiation.bidding.mediatorNote')}
      </Typography.Paragraph>
      <Rounds rounds={bidding.rounds} maxRounds={bidding.maxRounds} currentRound={bidding.currentRound} />
      {bidding.status === 'settled' && bidding.settlementAmount && <Settled amount={bidding.settlementAmount} currency={bidding.currency} />}
      {bidding.status === 'exhausted' && <Result status="info" title={t('negotiation.bidding.exhaustedTitle')} subTitle={t('negotiation.bidding.exhaustedText')} />}
    </>
  );
}

function SideBidding({ caseId, bidding, active }: { caseId: string; bidding: BlindBidSideViewDoc; active: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const { formProps, error, busy } = useFormSubmit<{ amount: string }>(async ({ amount }) => {
    await placeBlindBid({ path: { id: caseId }, body: { amount: amount.trim() }, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
    idempotency.done();
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId, 'blind-bidding'] });
  });
  const claimant = bidding.role === 'claimant';
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={claimant ? t('negotiation.bidding.youAreClaimant') : t('negotiation.bidding.youAreRespondent')}
        description={t('negotiation.bidding.neverShown')}
      />
      <Rounds rounds={bidding.rounds} maxRounds={bidding.maxRounds} currentRound={bidding.currentRound} />
      {bidding.state === 'awaiting_your_figure' && active && (
        <>
          <Typography.Title level={3} style={{ fontSize: 17 }}>
            {t('negotiation.bidding.yourFigureFor', { n: bidding.currentRound ?? '' })}
          </Typography.Title>
          {bidding.otherSideHasSubmittedCurrentRound && <Typography.Paragraph>{t('negotiation.bidding.otherHasEntered')}</Typography.Paragraph>}
          <FormAlert message={error} />
          <Form<{ amount: string }> {...formProps} style={{ maxWidth: 420 }}>
            <Flex gap={12} align="end" wrap>
              <Form.Item
                name="amount"
                label={claimant ? t('negotiation.bidding.leastYouAccept', { currency: bidding.currency }) : t('negotiation.bidding.mostYouPay', { currency: bidding.currency })}
                rules={[{ required: true, message: t('negotiation.terms.amountRequired') }]}
                style={{ flex: '1 1 200px' }}
              >
                <Input inputMode="decimal" autoComplete="off" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('negotiation.bidding.seal')}
                </Button>
              </Form.Item>
            </Flex>
          </Form>
        </>
      )}
      {bidding.state === 'awaiting_other_side' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="awaiting-other-side"
          title={t('negotiation.bidding.waitingTitle', { n: bidding.currentRound ?? '' })}
          description={t('negotiation.bidding.waitingText')}
        />
      )}
      {bidding.state === 'settled' && bidding.settlementAmount && <Settled amount={bidding.settlementAmount} currency={bidding.currency} />}
      {bidding.state === 'exhausted' && <Result status="info" title={t('negotiation.bidding.exhaustedTitle')} subTitle={t('negotiation.bidding.exhaustedText')} />}
      {bidding.ownFigures.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 17 }}>
            {t('negotiation.bidding.yourFigures')}
          </Typography.Title>
          <ul data-testid="own-figures">
            {bidding.ownFigures.map((f) => (
              <li key={f.round}>
                <Space>
                  {t('negotiation.bidding.round', { n: f.round ?? '' })}
                  <Typography.Text strong>{money(f.amount ?? '', bidding.currency)}</Typography.Text>
                </Space>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

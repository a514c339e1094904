import { Descriptions, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DueAfterEffect, DueDate, LicenceTerm, SettlementTerms } from '../api/generated/types.gen';

/** An amount in its currency, in the reader's language ("CN¥350,000.00", "¥350,000.00"). */
export function useMoney(): (amount: string, currency: string) => string {
  const { i18n } = useTranslation();
  return (amount, currency) => {
    try {
      return new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(Number(amount));
    } catch {
      return `${currency} ${amount}`;
    }
  };
}

function useDue(): (due: DueDate | DueAfterEffect | undefined) => string | undefined {
  const { t } = useTranslation();
  return (due) => {
    if (!due) return undefined;
    return 'date' in due ? t('negotiation.view.byDate', { date: dayjs(due.date).format('LL') }) : t('negotiation.view.afterEffect', { count: due.daysAfterEffective });
  };
}

/** What an offer gives, in words: the money and how it is paid, then each other term. */
export function TermsView({ terms }: { terms: SettlementTerms }) {
  const { t } = useTranslation();
  const money = useMoney();
  const due = useDue();
  const m = terms.money;
  return (
    <>
      {m && (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'amount', label: t('negotiation.terms.money'), children: <Typography.Text strong>{money(m.amount, m.currency)}</Typography.Text> },
            {
              key: 'schedule',
              label: t('negotiation.terms.schedule'),
              children:
                m.schedule.kind === 'instalments' ? (
                  <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                    {m.schedule.instalments.map((inst, i) => (
                      <li key={i}>
                        {money(inst.amount, m.currency)} — {due(inst.due)}
                      </li>
                    ))}
                  </ol>
                ) : (
                  t('negotiation.view.lumpSum', { due: due(m.schedule.due) ?? '' })
                ),
            },
          ]}
        />
      )}
      {terms.nonMonetary.length > 0 && (
        <List
          size="small"
          dataSource={terms.nonMonetary}
          renderItem={(item, i) => {
            const licence = item.kind === 'licence' ? (item as LicenceTerm) : undefined;
            const royalty = licence?.royalty as LicenceTerm['royalty'] | null | undefined;
            const details = [
              licence && (licence.exclusive ? t('negotiation.view.exclusive') : t('negotiation.view.nonExclusive')),
              licence?.territory,
              licence?.duration,
              licence &&
                (!royalty
                  ? t('negotiation.view.royaltyFree')
                  : royalty.kind === 'fixed'
                    ? t('negotiation.view.royaltyFixed', { amount: money(royalty.amount, royalty.currency) })
                    : t('negotiation.view.royaltyRunning', { percent: royalty.percent, base: royalty.base })),
              due(item.due),
            ].filter(Boolean);
            return (
              <List.Item key={i}>
                <div>
                  <Tag>{t(`negotiation.kinds.${item.kind}`)}</Tag>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{item.description}</Typography.Text>
                  {details.length > 0 && (
                    <>
                      <br />
                      <Typography.Text type="secondary">{details.join(' · ')}</Typography.Text>
                    </>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </>
  );
}

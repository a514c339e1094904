import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, NON_MONETARY_KINDS, type DueKind, type TermsFormValues } from './terms-form';

type Path = (string | number)[];

/**
 * What one side offers: money with a lump sum or instalments, and non-monetary terms (stop use,
 * delist, assign, licence with or without a royalty…). Field names follow the API's, so its
 * field errors show beside each field; the API checks the sums and the order of dates.
 */
export function TermsFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TermsFormValues>();
  const includeMoney = Form.useWatch('includeMoney', form);
  return (
    <>
      <Form.Item name="includeMoney" valuePropName="checked">
        <Checkbox>{t('negotiation.terms.includeMoney')}</Checkbox>
      </Form.Item>
      {includeMoney && <MoneyFields />}
      <NonMonetaryFields />
    </>
  );
}

function MoneyFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TermsFormValues>();
  const scheduleKind = Form.useWatch(['terms', 'money', 'schedule', 'kind'], form);
  return (
    <Card size="small" title={t('negotiation.terms.money')} style={{ marginBottom: 16 }}>
      <Flex gap={12} wrap>
        <Form.Item
          name={['terms', 'money', 'amount']}
          label={t('negotiation.terms.amount')}
          rules={[{ required: true, message: t('negotiation.terms.amountRequired') }]}
          style={{ flex: '1 1 200px' }}
        >
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item name={['terms', 'money', 'currency']} label={t('negotiation.terms.currency')} style={{ flex: '0 1 140px' }}>
          <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
      </Flex>
      <Form.Item name={['terms', 'money', 'schedule', 'kind']} label={t('negotiation.terms.schedule')}>
        <Radio.Group
          options={[
            { value: 'lump_sum', label: t('negotiation.terms.lumpSum') },
            { value: 'instalments', label: t('negotiation.terms.instalments') },
          ]}
        />
      </Form.Item>
      {scheduleKind === 'instalments' ? (
        // Instalments are at least two: the list starts with two to fill in.
        <Form.List name={['terms', 'money', 'schedule', 'instalments']} initialValue={[{ due: { kind: 'date' } }, { due: { kind: 'date' } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={t('negotiation.terms.instalment', { n: i + 1 })}
                  style={{ marginBottom: 12 }}
                  extra={
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      aria-label={t('negotiation.terms.removeInstalment', { n: i + 1 })}
                    />
                  }
                >
                  <Form.Item name={[field.name, 'amount']} label={t('negotiation.terms.instalmentAmount', { n: i + 1 })}>
                    <Input inputMode="decimal" autoComplete="off" />
                  </Form.Item>
                  <DueFields
                    name={[field.name, 'due']}
                    path={['terms', 'money', 'schedule', 'instalments', field.name, 'due']}
                    label={t('negotiation.terms.instalmentDue', { n: i + 1 })}
                  />
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ due: { kind: 'date' } })} style={{ marginBottom: 16 }}>
                {t('negotiation.terms.addInstalment')}
              </Button>
            </>
          )}
        </Form.List>
      ) : (
        <DueFields name={['terms', 'money', 'schedule', 'due']} path={['terms', 'money', 'schedule', 'due']} label={t('negotiation.terms.paidBy')} />
      )}
    </Card>
  );
}

function NonMonetaryFields() {
  const { t } = useTranslation();
  return (
    <Form.List name={['terms', 'nonMonetary']}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={t('negotiation.terms.otherTerm', { n: i + 1 })}
              style={{ marginBottom: 12 }}
              extra={
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => remove(field.name)}
                  aria-label={t('negotiation.terms.removeTerm', { n: i + 1 })}
                />
              }
            >
              <NonMonetaryItem name={field.name} n={i + 1} />
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ kind: 'stop_use', due: { kind: 'none' }, royalty: { kind: 'none' }, exclusive: false })}
            style={{ marginBottom: 16 }}
          >
            {t('negotiation.terms.addTerm')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function NonMonetaryItem({ name, n }: { name: number; n: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TermsFormValues>();
  const path = ['terms', 'nonMonetary', name];
  const kind = Form.useWatch([...path, 'kind'], form) as string | undefined;
  const royalty = Form.useWatch([...path, 'royalty', 'kind'], form) as string | undefined;
  return (
    <>
      <Form.Item name={[name, 'kind']} label={t('negotiation.terms.kind', { n })}>
        <Select options={NON_MONETARY_KINDS.map((k) => ({ value: k, label: t(`negotiation.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name={[name, 'description']} label={t('negotiation.terms.description', { n })} extra={t('negotiation.terms.descriptionHelp')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      {kind === 'licence' && (
        <>
          <Form.Item name={[name, 'exclusive']} valuePropName="checked">
            <Checkbox>{t('negotiation.terms.exclusive')}</Checkbox>
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name={[name, 'territory']} label={t('negotiation.terms.territory')} style={{ flex: '1 1 200px' }}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name={[name, 'duration']} label={t('negotiation.terms.duration')} style={{ flex: '1 1 200px' }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
          <Form.Item name={[name, 'royalty', 'kind']} label={t('negotiation.terms.royalty')}>
            <Radio.Group
              options={[
                { value: 'none', label: t('negotiation.terms.royaltyFree') },
                { value: 'fixed', label: t('negotiation.terms.royaltyFixed') },
                { value: 'running', label: t('negotiation.terms.royaltyRunning') },
              ]}
            />
          </Form.Item>
          {royalty === 'fixed' && (
            <Flex gap={12} wrap>
              <Form.Item name={[name, 'royalty', 'amount']} label={t('negotiation.terms.royaltyAmount')} style={{ flex: '1 1 200px' }}>
                <Input inputMode="decimal" autoComplete="off" />
              </Form.Item>
              <Form.Item name={[name, 'royalty', 'currency']} label={t('negotiation.terms.currency')} initialValue="CNY" style={{ flex: '0 1 140px' }}>
                <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Flex>
          )}
          {royalty === 'running' && (
            <Flex gap={12} wrap>
              <Form.Item name={[name, 'royalty', 'percent']} label={t('negotiation.terms.royaltyPercent')} style={{ flex: '0 1 160px' }}>
                <Input inputMode="decimal" autoComplete="off" suffix="%" />
              </Form.Item>
              <Form.Item name={[name, 'royalty', 'base']} label={t('negotiation.terms.royaltyBase')} style={{ flex: '1 1 240px' }}>
                <Input maxLength={200} />
              </Form.Item>
            </Flex>
          )}
        </>
      )}
      <DueFields name={[name, 'due']} path={[...path, 'due']} label={t('negotiation.terms.doneBy', { n })} optional />
    </>
  );
}

/**
 * By when: a date, or a number of days after the agreement takes effect (its date is unknown
 * while negotiating); optional for non-monetary terms. `name` is relative to the enclosing list,
 * `path` the full one (to watch the kind).
 */
function DueFields({ name, path, label, optional = false }: { name: Path; path: Path; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TermsFormValues>();
  const kind = Form.useWatch([...path, 'kind'], form) as DueKind | undefined;
  const kinds: DueKind[] = optional ? ['none', 'date', 'days'] : ['date', 'days'];
  return (
    <>
      <Form.Item name={[...name, 'kind']} label={label} initialValue={optional ? 'none' : 'date'}>
        {/* Named by the whole path: by the list-relative one, an instalment's and another term's
            groups would share a name, and to the browser be one group (checking one unchecks the other). */}
        <Radio.Group name={[...path, 'kind'].join('_')} options={kinds.map((k) => ({ value: k, label: t(`negotiation.terms.due.${k}`) }))} />
      </Form.Item>
      {kind === 'days' ? (
        <Form.Item name={[...name, 'daysAfterEffective']} label={t('negotiation.terms.due.daysLabel')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
      ) : kind === 'date' || (!optional && kind === undefined) ? (
        <Form.Item name={[...name, 'date']} label={t('negotiation.terms.due.dateLabel')}>
          <DatePicker />
        </Form.Item>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('negotiation.terms.due.noneHelp')}
        </Typography.Paragraph>
      )}
    </>
  );
}

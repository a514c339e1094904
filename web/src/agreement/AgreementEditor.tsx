import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, DatePicker, Divider, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { proposeAgreement, updateAgreementDraft } from '../api/generated/sdk.gen';
import type { AgreementDraftView, AgreementVersionView, CaseView } from '../api/generated/types.gen';
import { ApiProblem, fieldPath, toApiProblem } from '../api/problem';
import { useIdempotencyKey } from '../api/idempotency';
import { useFormSubmit } from '../api/use-form-submit';
import { useProblemHandler } from '../api/use-problem';
import { biddingQuery, isSideView, otherSide } from '../negotiation/negotiation-api';
import { FormAlert } from '../shell/FormAlert';
import { asStaleRevision, draftQuery } from './agreement-api';
import { newObligation, settlementObligation, toContent, toFormValues, type AgreementFormValues, type FormObligation } from './agreement-form';

const OBLIGATIONS = ['content', 'performance', 'obligations'] as const;

/** The API's rule names (src/agreements/agreement-model.ts, src/mediation/settlement-terms.ts) in plain words. */
const RULES = [
  'required',
  'empty',
  'min_items',
  'enum',
  'date',
  'not_past',
  'range',
  'one_of',
  'other_side',
  'amount',
  'currency',
  'positive',
  'sum',
  'order',
  'same_kind',
  'max_length',
  'unique',
  'both_sides',
] as const;
type Rule = (typeof RULES)[number];
const isRule = (rule: string): rule is Rule => (RULES as readonly string[]).includes(rule);

/** The API's field errors with our words for the rules we know, so they read well beside the field in either language. */
function inOurWords(error: unknown, t: TFunction): unknown {
  const problem = toApiProblem(asStaleRevision(error));
  if (problem.errors.length === 0) return problem;
  return new ApiProblem({ ...problem.body, errors: problem.errors.map((e) => ({ ...e, message: isRule(e.rule) ? t(`agreement.rules.${e.rule}`) : e.message })) }, problem.status);
}

/**
 * The mediator's structured editor of the agreement: the parties' identities, the facts and
 * issues, the result, the performance schedule (payments, at once or by instalments, and acts,
 * each with a due date or a number of days after the agreement takes effect), other terms and
 * the ownership-confirmation (确权) flag. Saving sends the whole agreement with the revision it
 * started from: a field the API refuses is marked beside it; someone else's save in between
 * opens the reload dialog.
 */
export function AgreementEditor({ view, draft, live }: { view: CaseView; draft: AgreementDraftView; live: AgreementVersionView | undefined }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dirty, setDirty] = useState(false);
  const { formProps, error, busy, form } = useFormSubmit<AgreementFormValues>(
    async () => {
      const values = form.getFieldsValue(true) as AgreementFormValues;
      try {
        const { data } = await updateAgreementDraft({ path: { id: view.id }, body: { revision: draft.revision, content: toContent(values) }, throwOnError: true });
        queryClient.setQueryData(draftQuery(view.id).queryKey, data);
        setDirty(false);
        void message.success(t('agreement.editor.saved'));
      } catch (e) {
        throw inOurWords(e, t);
      }
    },
    { onReload: () => void queryClient.invalidateQueries({ queryKey: draftQuery(view.id).queryKey }) },
  );

  // What the template still lacks, beside each field, from the start.
  useEffect(() => {
    const fields = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    (form as FormInstance).setFields(
      draft.problems
        .map((p) => ({ name: fieldPath(`content.${p.field}`), errors: [isRule(p.rule) ? t(`agreement.rules.${p.rule}`) : p.message] }))
        .filter((f) => fields.has(JSON.stringify(f.name))),
    );
  }, [draft.problems, form, t]);

  // A double-blind bidding that settled gives the fresh template its payment: the figure both sides reached.
  const bidding = useQuery(biddingQuery(view.id));
  const [fromBidding, setFromBidding] = useState<FormObligation>();
  useEffect(() => {
    const b = bidding.data;
    if (!b || fromBidding) return;
    const claimantSide = isSideView(b) ? (b.role === 'claimant' ? b.side : otherSide(b.side)) : b.claimantSide;
    const current = (form.getFieldValue([...OBLIGATIONS]) as FormObligation[] | undefined) ?? [];
    const obligation = settlementObligation({ settlementAmount: b.settlementAmount, currency: b.currency, claimantSide }, { revision: draft.revision, obligations: current });
    if (!obligation) return;
    form.setFieldValue([...OBLIGATIONS], [obligation]);
    setFromBidding(obligation);
    setDirty(true);
  }, [bidding.data, draft.revision, form, fromBidding]);

  const alreadyProposed = !!live && live.status === 'signing' && dayjs(draft.updatedAt).isBefore(dayjs(live.frozenAt));
  const canPropose = !dirty && draft.problems.length === 0 && !alreadyProposed;
  const side = [
    { value: 'applicant', label: t('agreement.editor.sides.applicant') },
    { value: 'respondent', label: t('agreement.editor.sides.respondent') },
  ];
  const section = (title: string) => <h3 style={{ margin: 0, fontSize: 16 }}>{title}</h3>;

  return (
    <Card title={section(live ? t('agreement.editor.titleChange') : t('agreement.editor.title'))} data-testid="agreement-editor">
      <Typography.Paragraph type="secondary">{t('agreement.editor.intro', { revision: draft.revision })}</Typography.Paragraph>
      {fromBidding && (
        <Alert
          type="info"
          showIcon
          data-testid="from-bidding"
          title={t('agreement.editor.fromBidding', { amount: `${fromBidding.currency} ${Number(fromBidding.amount).toLocaleString(i18n.language, { minimumFractionDigits: 2 })}` })}
          style={{ marginBottom: 12 }}
        />
      )}
      <FormAlert message={error} />
      <Form
        {...formProps}
        initialValues={toFormValues(draft.content)}
        onValuesChange={() => setDirty(true)}
        // An error the API gave a field goes once the field is changed.
        onFieldsChange={(changed) => {
          const fixed = changed.filter((f) => f.touched && f.errors?.length && !f.validating).map((f) => ({ name: f.name, errors: [] }));
          if (fixed.length > 0) (form as FormInstance).setFields(fixed);
        }}
        // Enter confirms a date or a choice here; saving the long agreement is the button's job, not a stray Enter's.
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
        }}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('agreement.editor.parties')}</Divider>
        <Form.List name={['content', 'parties']}>
          {(fields) =>
            fields.map((field) => {
              const party = draft.content.parties[field.name];
              return (
                <Card key={field.key} size="small" style={{ marginBottom: 12 }} title={`${party ? `${t(`agreement.editor.sides.${party.side}`)}: ${party.name}` : ''}`}>
                  <Flex gap={12} wrap>
                    <Form.Item name={[field.name, 'idType']} label={t('agreement.editor.idType')} style={{ flex: '1 1 200px' }}>
                      <Select
                        options={['resident_id_card', 'passport', 'unified_social_credit_code', 'other'].map((v) => ({
                          value: v,
                          label: t(`agreement.editor.idTypes.${v as 'passport'}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'idNumber']} label={t('agreement.editor.idNumber')} style={{ flex: '1 1 200px' }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    {party?.kind === 'organisation' && (
                      <Form.Item name={[field.name, 'legalRepresentative']} label={t('agreement.editor.legalRepresentative')} style={{ flex: '1 1 200px' }}>
                        <Input maxLength={200} />
                      </Form.Item>
                    )}
                  </Flex>
                  <Form.Item name={[field.name, 'address']} label={t('agreement.editor.address')}>
                    <Input maxLength={2000} />
                  </Form.Item>
                </Card>
              );
            })
          }
        </Form.List>

        <Divider titlePlacement="start">{t('agreement.editor.dispute')}</Divider>
        <Form.Item name={['content', 'facts']} label={t('agreement.editor.facts')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <TextList name={['content', 'disputedIssues']} label={t('agreement.editor.issue')} add={t('agreement.editor.addIssue')} />

        <Divider titlePlacement="start">{t('agreement.editor.outcome')}</Divider>
        <Form.Item name={['content', 'result']} label={t('agreement.editor.result')} extra={t('agreement.editor.resultHelp')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>

        <Divider titlePlacement="start">{t('agreement.editor.schedule')}</Divider>
        <Form.List name={[...OBLIGATIONS]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <ObligationFields key={field.key} form={form} name={field.name} index={index} side={side} onRemove={() => remove(field.name)} />
              ))}
              {errors.length > 0 && <Alert type="error" showIcon role="alert" title={errors} style={{ marginBottom: 12 }} />}
              <Space wrap style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(newObligation('money', form.getFieldValue([...OBLIGATIONS]) as FormObligation[]))}>
                  {t('agreement.editor.addPayment')}
                </Button>
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(newObligation('act', form.getFieldValue([...OBLIGATIONS]) as FormObligation[]))}>
                  {t('agreement.editor.addAct')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('agreement.editor.otherTerms')}</Divider>
        <TextList name={['content', 'otherTerms']} label={t('agreement.editor.term')} add={t('agreement.editor.addTerm')} />

        <Form.Item name={['content', 'confirmsOwnership']} label={t('agreement.editor.ownership')} extra={t('agreement.editor.ownershipHelp')}>
          <Radio.Group
            options={[
              { value: false, label: t('agreement.editor.ownershipNo') },
              { value: true, label: t('agreement.editor.ownershipYes') },
            ]}
          />
        </Form.Item>

        <Flex gap={12} wrap align="center">
          <Button type={canPropose ? 'default' : 'primary'} htmlType="submit" loading={busy}>
            {t('agreement.editor.save')}
          </Button>
          <ProposeButton view={view} disabled={!canPropose} />
          <Typography.Text type="secondary">
            {dirty || draft.problems.length > 0
              ? t('agreement.editor.saveFirst')
              : alreadyProposed
                ? t('agreement.editor.changeToPropose')
                : live
                  ? t('agreement.editor.replaces', { version: live.version })
                  : t('agreement.editor.readyToPropose')}
          </Typography.Text>
        </Flex>
      </Form>
    </Card>
  );
}

/** A list of short texts (issues, other terms), each with its own field and a remove button. */
function TextList({ name, label, add }: { name: string[]; label: string; add: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, ops) => (
        <>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item name={field.name} label={`${label} ${index + 1}`} style={{ flex: 1 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
              </Form.Item>
              <Button
                style={{ marginTop: 30 }}
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('agreement.editor.remove', { what: `${label} ${index + 1}` })}
                onClick={() => ops.remove(field.name)}
              />
            </Flex>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => ops.add('')} style={{ marginBottom: 16 }}>
            {add}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** One obligation of the schedule: who owes whom, a payment (at once or by instalments) or an act, and by when. */
function ObligationFields({
  form,
  name,
  index,
  side,
  onRemove,
}: {
  form: FormInstance;
  name: number;
  index: number;
  side: { value: string; label: string }[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const path = [...OBLIGATIONS, name];
  const kind = Form.useWatch([...path, 'kind'], { form, preserve: true }) as FormObligation['kind'] | undefined;
  const schedule = Form.useWatch([...path, 'schedule'], form) as FormObligation['schedule'];
  const title = kind === 'act' ? t('agreement.editor.act', { n: index + 1 }) : t('agreement.editor.payment', { n: index + 1 });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={title}
      extra={<Button icon={<DeleteOutlined aria-hidden />} onClick={onRemove} aria-label={t('agreement.editor.remove', { what: title })} />}
      data-testid={`obligation-${index}`}
    >
      <Flex gap={12} wrap>
        <Form.Item name={[name, 'obligorSide']} label={t('agreement.editor.obligor')} style={{ flex: '1 1 180px' }}>
          <Select options={side} />
        </Form.Item>
        <Form.Item name={[name, 'beneficiarySide']} label={t('agreement.editor.beneficiary')} style={{ flex: '1 1 180px' }}>
          <Select options={side} />
        </Form.Item>
      </Flex>
      {kind === 'act' ? (
        <>
          <Form.Item name={[name, 'act']} label={t('agreement.editor.actText')} extra={t('agreement.editor.actHelp')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <DueFields form={form} path={[...path, 'due']} relative={[name, 'due']} label={t('agreement.editor.dueBy')} />
        </>
      ) : (
        <>
          <Flex gap={12} wrap>
            <Form.Item name={[name, 'amount']} label={t('agreement.editor.amount')} style={{ flex: '2 1 200px' }} extra={t('agreement.editor.amountHelp')}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name={[name, 'currency']} label={t('agreement.editor.currency')} style={{ flex: '1 1 100px' }}>
              <Input maxLength={3} />
            </Form.Item>
          </Flex>
          <Form.Item name={[name, 'schedule']} label={t('agreement.editor.paidHow')}>
            <Radio.Group
              onChange={(e) => {
                if (e.target.value === 'instalments' && !form.getFieldValue([...path, 'instalments'])?.length) {
                  form.setFieldValue(
                    [...path, 'instalments'],
                    [
                      { amount: '', due: { mode: 'date' } },
                      { amount: '', due: { mode: 'date' } },
                    ],
                  );
                }
              }}
              options={[
                { value: 'single', label: t('agreement.editor.single') },
                { value: 'instalments', label: t('agreement.editor.instalments') },
              ]}
            />
          </Form.Item>
          {schedule === 'instalments' ? (
            <Form.List name={[name, 'instalments']}>
              {(fields, ops, { errors }) => (
                <>
                  <Form.ErrorList errors={errors} />
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={12} wrap align="flex-start" style={{ paddingLeft: 12, borderLeft: '3px solid #d9d9d9', marginBottom: 8 }}>
                      <Form.Item name={[f.name, 'amount']} label={t('agreement.editor.instalmentAmount', { n: i + 1 })} style={{ flex: '1 1 160px' }}>
                        <Input inputMode="decimal" />
                      </Form.Item>
                      <div style={{ flex: '2 1 260px' }}>
                        <DueFields
                          form={form}
                          path={[...path, 'instalments', f.name, 'due']}
                          relative={[f.name, 'due']}
                          label={t('agreement.editor.instalmentDue', { n: i + 1 })}
                        />
                      </div>
                      <Button
                        style={{ marginTop: 30 }}
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('agreement.editor.remove', { what: t('agreement.editor.instalmentAmount', { n: i + 1 }) })}
                        onClick={() => ops.remove(f.name)}
                      />
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => ops.add({ amount: '', due: { mode: 'date' } })} style={{ marginBottom: 12 }}>
                    {t('agreement.editor.addInstalment')}
                  </Button>
                </>
              )}
            </Form.List>
          ) : (
            <DueFields form={form} path={[...path, 'due']} relative={[name, 'due']} label={t('agreement.editor.dueBy')} />
          )}
        </>
      )}
      <Form.Item name={[name, 'description']} label={t('agreement.editor.description')} extra={t('agreement.editor.descriptionHelp')}>
        <Input maxLength={2000} />
      </Form.Item>
    </Card>
  );
}

/** By when: a calendar date, or a number of days after the agreement takes effect. */
function DueFields({ form, path, relative, label }: { form: FormInstance; path: (string | number)[]; relative: (string | number)[]; label: string }) {
  const { t } = useTranslation();
  const mode = Form.useWatch([...path, 'mode'], form) as 'date' | 'days' | undefined;
  return (
    <Flex gap={12} wrap align="flex-start">
      <Form.Item name={[...relative, 'mode']} label={label} style={{ flex: '1 1 220px' }}>
        {/* Named by the whole path, not the list-relative one that another list's group can share. */}
        <Radio.Group
          name={[...path, 'mode'].join('_')}
          options={[
            { value: 'date', label: t('agreement.editor.onDate') },
            { value: 'days', label: t('agreement.editor.daysAfter') },
          ]}
        />
      </Form.Item>
      {mode === 'days' ? (
        <Form.Item name={[...relative, 'daysAfterEffective']} label={t('agreement.editor.days')} style={{ flex: '1 1 160px' }}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Form.Item
          name={[...relative, 'date']}
          label={t('agreement.editor.date')}
          style={{ flex: '1 1 160px' }}
          getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
          normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined)}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      )}
    </Flex>
  );
}

/** Proposing freezes the saved draft as a new version for signature (the case version guards against a stale screen). */
function ProposeButton({ view, disabled }: { view: CaseView; disabled: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const idempotency = useIdempotencyKey();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const propose = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await proposeAgreement({ path: { id: view.id }, body: { expectedVersion: view.version }, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
      void message.success(t('agreement.propose.done'));
    } catch (e) {
      idempotency.done();
      setError(handleProblem(e, { onReload: () => void queryClient.invalidateQueries({ queryKey: ['cases', view.id] }) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FormAlert message={error} />
      <Button type="primary" onClick={() => void propose()} loading={busy} disabled={disabled} data-testid="propose">
        {t('agreement.propose.submit')}
      </Button>
    </>
  );
}

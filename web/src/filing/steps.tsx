import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLAIM_KINDS, CURRENCIES, DISPUTE_TYPES, ID_TYPES, IP_RIGHT_KINDS } from './application-form';

/** The fields of each step. One Form holds them all (see FilingWizard), so names are full API paths. */

export function DisputeFields({ withFiledAs }: { withFiledAs: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="title"
        label={t('filing.dispute.title')}
        extra={t('filing.dispute.titleHelp')}
        rules={[{ required: true, whitespace: true, message: t('problem.rules.isNotEmpty') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="disputeType" label={t('filing.dispute.disputeType')} rules={[{ required: true, message: t('problem.rules.isNotEmpty') }]}>
        <Select options={DISPUTE_TYPES.map((value) => ({ value, label: t(`filing.types.${value}`) }))} />
      </Form.Item>
      {withFiledAs && <FiledAsFields />}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('filing.dispute.ipRights')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('filing.dispute.ipRightsHelp')}</Typography.Paragraph>
      <Form.List name="ipRights">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={`${t('filing.dispute.ipRights')} ${i + 1}`}
                extra={<Button onClick={() => remove(field.name)}>{t('filing.dispute.remove')}</Button>}
              >
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'kind']} label={t('filing.dispute.ipKind')} initialValue="patent">
                      <Select options={IP_RIGHT_KINDS.map((value) => ({ value, label: t(`filing.types.${value}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'number']} label={t('filing.dispute.ipNumber')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'jurisdiction']} label={t('filing.dispute.ipJurisdiction')}>
                      <Input maxLength={2} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'owner']} label={t('filing.dispute.ipOwner')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button onClick={() => add({ kind: 'patent' })}>{t('filing.dispute.addIpRight')}</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

function FiledAsFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="filedAs" label={t('filing.dispute.filedAs')} initialValue="applicant">
        <Select
          options={[
            { value: 'applicant', label: t('filing.dispute.self') },
            { value: 'agent', label: t('filing.dispute.agent') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['filedAs']}>
        {({ getFieldValue }) =>
          getFieldValue('filedAs') === 'agent' && (
            <Form.Item name="agentLawFirm" label={t('filing.dispute.lawFirm')}>
              <Input maxLength={200} />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}

/**
 * Name, identity, phone, e-mail, address of one party, and an organisation's legal representative;
 * `path` is its place in the form (inside a Form.List, relative to it), `listPath` the list's own.
 */
export function PartyFields({ path, withIdentity, listPath = [] }: { path: (string | number)[]; withIdentity: boolean; listPath?: string[] }) {
  const { t } = useTranslation();
  const kind = Form.useWatch([...listPath, ...path, 'kind']) as string | undefined;
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item name={[...path, 'kind']} label={t('filing.parties.kind')} initialValue="person">
          <Select
            options={[
              { value: 'person', label: t('filing.parties.person') },
              { value: 'organisation', label: t('filing.parties.organisation') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={[...path, 'name']} label={t('filing.parties.name')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Col>
      {kind === 'organisation' && (
        <Col xs={24} sm={12}>
          <Form.Item name={[...path, 'legalRepresentative']} label={t('filing.parties.legalRepresentative')} extra={t('filing.parties.legalRepresentativeHelp')}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
      )}
      {withIdentity && (
        <>
          <Col xs={24} sm={12}>
            <Form.Item name={[...path, 'idType']} label={t('filing.parties.idType')}>
              <Select allowClear options={ID_TYPES.map((value) => ({ value, label: t(`filing.idTypes.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={[...path, 'idNumber']} label={t('filing.parties.idNumber')}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} sm={12}>
        <Form.Item name={[...path, 'email']} label={t('filing.parties.email')}>
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={[...path, 'phone']} label={t('filing.parties.phone')}>
          <Input type="tel" maxLength={16} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name={[...path, 'address']} label={t('filing.parties.address')}>
          <Input maxLength={500} autoComplete="off" />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function RespondentsFields() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {t('filing.parties.respondents')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('filing.parties.respondentsHelp')}</Typography.Paragraph>
      <Form.List name="respondents">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('filing.parties.respondent', { n: i + 1 })}
                extra={<Button onClick={() => remove(field.name)}>{t('filing.dispute.remove')}</Button>}
              >
                <PartyFields path={[field.name]} listPath={['respondents']} withIdentity={false} />
              </Card>
            ))}
            <Button onClick={() => add({ kind: 'organisation' })}>{t('filing.parties.addRespondent')}</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

export function ClaimsFields() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('filing.claims.help')}</Typography.Paragraph>
      <Form.List name="claims">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('filing.claims.claim', { n: i + 1 })}
                extra={<Button onClick={() => remove(field.name)}>{t('filing.dispute.remove')}</Button>}
              >
                <Form.Item name={[field.name, 'kind']} label={t('filing.claims.kind')} initialValue="monetary">
                  <Select options={CLAIM_KINDS.map((value) => ({ value, label: t(`filing.claims.kinds.${value}`) }))} />
                </Form.Item>
                <Form.Item noStyle dependencies={[['claims', field.name, 'kind']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['claims', field.name, 'kind']) === 'monetary' ? (
                      <Row gutter={12}>
                        <Col xs={14}>
                          <Form.Item name={[field.name, 'amount']} label={t('filing.claims.amount')}>
                            <Input inputMode="decimal" maxLength={16} />
                          </Form.Item>
                        </Col>
                        <Col xs={10}>
                          <Form.Item name={[field.name, 'currency']} label={t('filing.claims.currency')} initialValue="CNY">
                            <Select options={CURRENCIES.map((value) => ({ value, label: value }))} />
                          </Form.Item>
                        </Col>
                      </Row>
                    ) : (
                      <Form.Item name={[field.name, 'description']} label={t('filing.claims.description')}>
                        <Input.TextArea rows={2} maxLength={2000} />
                      </Form.Item>
                    )
                  }
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ kind: 'monetary', currency: 'CNY' })}>{t('filing.claims.add')}</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

export function StatementFields() {
  const { t } = useTranslation();
  return (
    <Form.Item name="statement" label={t('filing.statement.label')} extra={t('filing.statement.help')}>
      <Input.TextArea rows={10} maxLength={20_000} showCount />
    </Form.Item>
  );
}

export function ConsentFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={['applicant', 'consentOnline']} valuePropName="checked" extra={t('filing.consents.onlineHelp')}>
        <Checkbox>{t('filing.consents.online')}</Checkbox>
      </Form.Item>
      <Form.Item name={['applicant', 'consentEService']} valuePropName="checked" extra={t('filing.consents.eServiceHelp')}>
        <Checkbox>{t('filing.consents.eService')}</Checkbox>
      </Form.Item>
    </>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, List, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { objectToRuling } from '../api/generated/sdk.gen';
import type { ApplicationView, CaseView } from '../api/generated/types.gen';
import { useFormSubmit } from '../api/use-form-submit';
import { FormAlert } from '../shell/FormAlert';
import { DECIDED, sideOf } from './after-settlement-api';

/** The court's summonses to attend (docs/procedural-rules.md D21): when, where or by which link. */
export function Summonses({ application }: { application: ApplicationView }) {
  const { t } = useTranslation();
  if (application.summonses.length === 0) return null;
  return (
    <Card type="inner" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('afterSettlement.procedure.summonses')}</h3>} data-testid="summonses">
      <List
        dataSource={application.summonses}
        renderItem={(s) => (
          <List.Item>
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('afterSettlement.procedure.attend', { date: dayjs(s.attendAt).format('LLL') })}</Typography.Text>
              {s.place && <Typography.Text>{t('afterSettlement.procedure.place', { place: s.place })}</Typography.Text>}
              {s.videoLink && (
                <Typography.Link href={s.videoLink} target="_blank" rel="noreferrer">
                  {t('afterSettlement.procedure.video')}
                </Typography.Link>
              )}
              {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * After the ruling: a party objects within OBJECTION_DAYS of receiving it (docs/procedural-rules.md D23); the
 * objection is served on the court. Late, the court's refusal names the last day.
 */
export function Objections({ view, application }: { view: CaseView; application: ApplicationView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const side = sideOf(view);
  const { formProps, error, busy, form } = useFormSubmit<{ text: string }>(async ({ text }) => {
    await objectToRuling({ path: { id: application.id }, body: { text }, throwOnError: true });
    void message.success(t('afterSettlement.procedure.objected'));
    setOpen(false);
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
  });
  if (!DECIDED.includes(application.status)) return null;
  const mine = application.objections.filter((o) => o.kind === 'party');
  const objectedAlready = mine.some((o) => application.parties.some((p) => p.partyId === o.partyId && p.side === side));
  return (
    <Card type="inner" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('afterSettlement.procedure.objections')}</h3>} data-testid="objections">
      <Flex vertical gap={8}>
        <Typography.Text>{t('afterSettlement.procedure.objectionsIntro')}</Typography.Text>
        <List
          dataSource={application.objections}
          locale={{ emptyText: <Typography.Text type="secondary">{t('afterSettlement.procedure.noObjections')}</Typography.Text> }}
          renderItem={(o) => (
            <List.Item>
              <List.Item.Meta
                title={t('afterSettlement.procedure.objectionBy', { name: o.objectorName, date: dayjs(o.filedAt).format('LLL') })}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{o.text}</span>}
              />
            </List.Item>
          )}
        />
        {side && !objectedAlready && (
          <div>
            <Button onClick={() => setOpen(true)}>{t('afterSettlement.procedure.object')}</Button>
          </div>
        )}
      </Flex>
      <Modal
        open={open}
        title={t('afterSettlement.procedure.objectTitle')}
        okText={t('afterSettlement.procedure.objectSend')}
        cancelText={t('afterSettlement.confirmation.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('afterSettlement.procedure.objectText')}</Typography.Paragraph>
        <FormAlert message={error} />
        <Form {...formProps}>
          <Form.Item
            name="text"
            label={t('afterSettlement.procedure.objectionText')}
            rules={[{ required: true, min: 10, whitespace: true, message: t('afterSettlement.procedure.objectionRequired') }]}
          >
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

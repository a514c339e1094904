import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Flex, Form, List, Result, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listCases, verifyArchive } from '../../api/generated/sdk.gen';
import type { ArchiveVerificationView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { useFormSubmit } from '../../api/use-form-submit';
import { describeProblem } from '../../api/use-problem';
import { FormAlert } from '../../shell/FormAlert';
import { ADMIN_KEY, caseByNumber, noSuchCase } from './admin-api';

/**
 * Archive verification: recompute every hash of a closed case's sealed archive and its event chain
 * from storage, and say item by item what was found. Pick a closed case or type its number.
 */
export function ArchiveSection() {
  const { t } = useTranslation();
  const closed = useQuery({
    queryKey: [ADMIN_KEY, 'closed-cases'],
    queryFn: async ({ signal }) => (await listCases({ query: { status: ['archived', 'closed'], limit: 100 }, signal, throwOnError: true })).data.items,
  });
  const verify = useMutation({
    mutationFn: async (caseId: string): Promise<ArchiveVerificationView> => (await verifyArchive({ path: { id: caseId }, throwOnError: true })).data,
  });
  const { formProps, error, busy } = useFormSubmit<{ number: string }>(
    async ({ number }) => {
      const found = await caseByNumber(number);
      if (!found) throw noSuchCase(t('adminPortal.noSuchCase', { number }));
      verify.reset();
      await verify.mutateAsync(found.id);
    },
    { messages: { 404: t('adminPortal.archive.noArchive') } },
  );
  return (
    <>
      <Typography.Paragraph>{t('adminPortal.archive.intro')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form<{ number: string }> {...formProps}>
        <Form.Item name="number" label={t('cases.number')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          {/* Closed cases to pick from; any number can be typed as well. */}
          <AutoComplete
            style={{ width: '100%', maxWidth: 360 }}
            placeholder={t('adminPortal.archive.pick')}
            options={(closed.data ?? []).map((c) => ({ value: c.number, label: `${c.number} · ${c.title}` }))}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.value ?? '')
                  .toUpperCase()
                  .includes(input.toUpperCase()),
            }}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('adminPortal.archive.verify')}
          </Button>
        </Form.Item>
      </Form>
      {closed.error && <Alert type="error" showIcon title={describeProblem(toApiProblem(closed.error), t)} />}
      {verify.data && (
        <div data-testid="archive-result">
          <Result
            status={verify.data.ok ? 'success' : 'error'}
            title={<h2 className="ant-result-title">{verify.data.ok ? t('adminPortal.archive.ok') : t('adminPortal.archive.broken')}</h2>}
            subTitle={t('adminPortal.archive.sealed', { sha: verify.data.recorded.sha256.slice(0, 16) })}
          />
          <List
            bordered
            dataSource={verify.data.items}
            renderItem={(item) => (
              <List.Item>
                <Flex gap={8} wrap>
                  <Tag color={item.ok ? undefined : 'red'}>{item.ok ? t('adminPortal.archive.itemOk') : t('adminPortal.archive.itemBroken')}</Tag>
                  <Typography.Text strong>{item.item}</Typography.Text>
                  <Typography.Text>{item.reason}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </div>
      )}
    </>
  );
}

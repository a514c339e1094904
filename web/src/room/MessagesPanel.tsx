import { PaperClipOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Empty, Flex, Form, Grid, Input, List, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { markChannelRead, postMessage } from '../api/generated/sdk.gen';
import type { ChannelView, DocumentView, MessageView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { useMe } from '../auth/use-session';
import { documentsQuery, downloadDocument } from '../case-page/case-page-api';
import { FormAlert } from '../shell/FormAlert';
import { channelsQuery, chronological, firstUnreadId, messagesQuery, mySide, receiveMessage, type Channel } from './room-api';
import type { RoomPanelProps } from './room-panel';
import { UnreadBadge } from './UnreadBadge';

/** The room takes messages while the case is mediating or its agreement is being signed (as the API). */
const OPEN_FOR_MESSAGES = ['mediating', 'signing'];

/**
 * The room's conversation: a rail of the channels I am in (the joint channel; my side's caucus;
 * the mediator: both caucuses) with unread counts, the chosen channel's messages (live, older
 * ones on request), and a composer that always says who can read what I write.
 */
export function MessagesPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const channels = useQuery(channelsQuery(view.id));
  const [chosen, setChosen] = useState<Channel>('joint');
  const wide = Grid.useBreakpoint().md ?? false;

  if (channels.isLoading) return <Skeleton active />;
  if (channels.error || !channels.data) return <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(channels.error), t)} />;
  const list = channels.data;
  const active = list.find((c) => c.channel === chosen) ?? list[0];
  return (
    <Tabs
      tabPlacement={wide ? 'start' : 'top'}
      activeKey={active.channel}
      onChange={(key) => setChosen(key as Channel)}
      aria-label={t('room.channels.railLabel')}
      destroyOnHidden
      items={list.map((c) => ({
        key: c.channel,
        label: (
          <Space size={6}>
            <span>{t(channelName(c.channel, isMediator))}</span>
            <UnreadBadge count={c.unread} />
          </Space>
        ),
        children: <ChannelPane caseId={view.id} channel={c} isMediator={isMediator} open={OPEN_FOR_MESSAGES.includes(view.status)} side={mySide(view)} />,
      }))}
    />
  );
}

type ChannelKey = 'room.channels.joint' | 'room.channels.caucus_applicant' | 'room.channels.caucus_respondent' | 'room.channels.myCaucus';

/** A party has one caucus, its own: "Caucus with the mediator"; the mediator tells the two apart by side. */
function channelName(channel: Channel, isMediator: boolean): ChannelKey {
  if (channel !== 'joint' && !isMediator) return 'room.channels.myCaucus';
  return `room.channels.${channel}`;
}

type ReadersKey = 'room.channels.readers.joint' | 'room.channels.readers.myCaucus' | 'room.channels.readers.caucus_applicant' | 'room.channels.readers.caucus_respondent';

function readersOf(channel: Channel, isMediator: boolean): ReadersKey {
  if (channel !== 'joint' && !isMediator) return 'room.channels.readers.myCaucus';
  return `room.channels.readers.${channel}`;
}

function ChannelPane({
  caseId,
  channel,
  isMediator,
  open,
  side,
}: {
  caseId: string;
  channel: ChannelView;
  isMediator: boolean;
  open: boolean;
  side: 'applicant' | 'respondent' | null;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const messages = useInfiniteQuery(messagesQuery(caseId, channel.channel));
  const items = useMemo(() => chronological(messages.data), [messages.data]);
  // Where "new since you last read" goes is fixed when the channel opens, not moved as I read.
  const [unreadAtOpen] = useState(channel.unread);
  const marker = firstUnreadId(items, unreadAtOpen, me?.id);
  const newest = items.at(-1)?.seq;

  // What I see is read: the read marker moves to the newest message shown (and the rail's count with it).
  useEffect(() => {
    if (newest === undefined || document.visibilityState === 'hidden') return;
    markChannelRead({ path: { id: caseId, channel: channel.channel }, body: { upToSeq: newest }, throwOnError: true })
      .then(({ data }) => queryClient.setQueryData(channelsQuery(caseId).queryKey, (list) => list?.map((c) => (c.channel === data.channel ? data : c))))
      .catch(() => undefined);
  }, [caseId, channel.channel, newest, queryClient]);

  const readers = t(readersOf(channel.channel, isMediator));
  const label = t('room.channels.listLabel', { channel: t(channelName(channel.channel, isMediator)) });
  return (
    <Flex vertical gap={12}>
      {messages.hasNextPage && (
        <Button onClick={() => void messages.fetchNextPage()} loading={messages.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          {t('room.channels.loadEarlier')}
        </Button>
      )}
      {messages.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(messages.error), t)} />}
      <section aria-label={label} aria-live="polite" data-testid={`messages-${channel.channel}`}>
        {messages.isLoading ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('room.channels.empty')} />
        ) : (
          <List<MessageView>
            dataSource={items}
            rowKey="id"
            renderItem={(m) => (
              <>
                {m.id === marker && (
                  <Divider plain data-testid="unread-marker">
                    {t('room.channels.newSince')}
                  </Divider>
                )}
                <List.Item>
                  <MessageItem message={m} mine={m.authorId === me?.id} />
                </List.Item>
              </>
            )}
          />
        )}
      </section>
      {open ? (
        <Composer caseId={caseId} channel={channel.channel} readers={readers} side={side} onSent={(m) => receiveMessage(queryClient, caseId, m)} />
      ) : (
        <Alert type="info" showIcon title={t('room.channels.closed')} />
      )}
    </Flex>
  );
}

function MessageItem({ message, mine }: { message: MessageView; mine: boolean }) {
  const { t } = useTranslation();
  const handleProblem = useProblemHandler();
  const [error, setError] = useState<string>();
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Space wrap size={8}>
        <Typography.Text strong>{message.authorName}</Typography.Text>
        <Tag>{t(`casePage.roles.${message.authorRole}` as 'casePage.roles.mediator', { defaultValue: message.authorRole })}</Tag>
        {mine && <Tag color="blue">{t('room.channels.you')}</Tag>}
        <Typography.Text type="secondary">
          <time dateTime={message.createdAt}>{dayjs(message.createdAt).format('LLL')}</time>
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{message.text}</Typography.Paragraph>
      {message.attachments.length > 0 && (
        <Space wrap>
          {message.attachments.map((a) => (
            <Button
              key={a.id}
              size="small"
              icon={<PaperClipOutlined aria-hidden />}
              onClick={() => void downloadDocument(a.id, a.filename).catch((e: unknown) => setError(handleProblem(e)))}
              aria-label={t('room.channels.download', { name: a.filename })}
            >
              {a.filename}
            </Button>
          ))}
        </Space>
      )}
      <FormAlert message={error} />
    </Flex>
  );
}

interface ComposerValues {
  text: string;
  attachmentIds?: string[];
}

/** Whether a document can go into this channel: a side's private document only into that side's caucus (the API checks it too). */
function fits(doc: DocumentView, channel: Channel, side: 'applicant' | 'respondent' | null): boolean {
  if (doc.visibility !== 'own_side_and_mediator') return true;
  return channel !== 'joint' && (side === null || channel === `caucus_${side}`);
}

function Composer({
  caseId,
  channel,
  readers,
  side,
  onSent,
}: {
  caseId: string;
  channel: Channel;
  readers: string;
  side: 'applicant' | 'respondent' | null;
  onSent: (m: MessageView) => void;
}) {
  const { t } = useTranslation();
  const idempotency = useIdempotencyKey();
  const documents = useQuery(documentsQuery(caseId));
  const { form, formProps, error, busy } = useFormSubmit<ComposerValues>(async (values) => {
    const { data } = await postMessage({
      path: { id: caseId, channel },
      body: { text: values.text, attachmentIds: values.attachmentIds },
      headers: { 'Idempotency-Key': idempotency.key() },
      throwOnError: true,
    });
    idempotency.done();
    form.resetFields();
    onSent(data);
  });
  const sendOnCtrlEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };
  const options = (documents.data ?? []).filter((d) => fits(d, channel, side)).map((d) => ({ value: d.id, label: d.filename }));
  return (
    <section aria-label={t('room.channels.composer')}>
      <Alert type={channel === 'joint' ? 'info' : 'warning'} showIcon title={readers} style={{ marginBottom: 12 }} data-testid="channel-readers" />
      <FormAlert message={error} />
      <Form<ComposerValues> {...formProps}>
        <Form.Item
          name="text"
          label={t('room.channels.message')}
          extra={t('room.channels.sendHint')}
          rules={[{ required: true, whitespace: true, message: t('room.channels.messageRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} onKeyDown={sendOnCtrlEnter} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('room.channels.attachments')} extra={t('room.channels.attachmentsHelp')}>
          <Select mode="multiple" allowClear options={options} loading={documents.isLoading} optionFilterProp="label" maxCount={10} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('room.channels.send')}
        </Button>
      </Form>
    </section>
  );
}

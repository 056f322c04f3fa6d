import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAuth, useMe } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DATE_FORMAT, today } from '../../lib/time';
import type { NewTopic } from './api';
import { useOpenTopic } from './hooks';

interface PollValues {
  question: string;
  multiple: boolean;
  maxChoices?: number;
  opensOn?: Dayjs | null;
  closesOn?: Dayjs | null;
  resultsHiddenUntilClosed: boolean;
  options: string[];
}
interface TopicValues {
  orgId?: number;
  title: string;
  body: string;
  opensOn: Dayjs;
  closesOn: Dayjs;
  pinned?: boolean;
  polls?: PollValues[];
}

const day = (value: Dayjs | null | undefined) => value?.format(DATE_FORMAT);

function toNewTopic(values: TopicValues): NewTopic {
  return {
    orgId: values.orgId,
    title: values.title,
    body: values.body,
    opensOn: day(values.opensOn)!,
    closesOn: day(values.closesOn)!,
    pinned: values.pinned,
    polls: (values.polls ?? []).map((p) => ({
      question: p.question,
      maxChoices: p.multiple ? (p.maxChoices ?? p.options.length) : 1,
      opensOn: day(p.opensOn),
      closesOn: day(p.closesOn),
      resultsHiddenUntilClosed: p.resultsHiddenUntilClosed,
      options: p.options ?? [],
    })),
  };
}

const NEW_POLL: Partial<PollValues> = { multiple: false, resultsHiddenUntilClosed: false, options: [] };

function PollFields({ name, remove }: { name: number; remove: () => void }) {
  const multiple = Form.useWatch(['polls', name, 'multiple']);
  return (
    <Card size="small" title={`投票 ${name + 1}`} extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={remove} aria-label="删除这项投票" />} data-testid="poll-fields">
      <Form.Item name={[name, 'question']} label="投票问题" rules={[{ required: true, message: '请填写投票问题' }]}>
        <Input maxLength={200} placeholder="如：新驿站建在哪里最方便？" />
      </Form.Item>
      <Form.Item name={[name, 'options']} label="选项（输入后按回车，2–20 项）" rules={[{ required: true, message: '请填写选项' }]}>
        <Select mode="tags" open={false} suffixIcon={null} placeholder="如：万达广场北门" tokenSeparators={['\n']} data-testid="poll-options" />
      </Form.Item>
      <Flex wrap gap="0 16px" align="end">
        <Form.Item name={[name, 'multiple']} label="选择方式">
          <Radio.Group
            options={[
              { value: false, label: '单选' },
              { value: true, label: '多选' },
            ]}
          />
        </Form.Item>
        {multiple && (
          <Form.Item name={[name, 'maxChoices']} label="最多可选" tooltip="不填为不限">
            <InputNumber min={2} max={20} addonAfter="项" style={{ width: 120 }} />
          </Form.Item>
        )}
      </Flex>
      <Flex wrap gap="0 16px">
        <Form.Item name={[name, 'opensOn']} label="投票开始" tooltip="不填同议题">
          <DatePicker />
        </Form.Item>
        <Form.Item name={[name, 'closesOn']} label="投票截止" tooltip="不填同议题">
          <DatePicker />
        </Form.Item>
      </Flex>
      <Form.Item name={[name, 'resultsHiddenUntilClosed']} valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>截止后再公布结果（发起人和工会工作人员可随时查看）</Checkbox>
      </Form.Item>
    </Card>
  );
}

/** 发起议题: the text, the period, the union whose members take part, and its polls. */
export function NewTopicModal({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (id: number) => void }) {
  const { can } = useAuth();
  const me = useMe();
  const openTopic = useOpenTopic();
  // Staff choose among the unions of their subtree (their own first); a representative opens topics for her own union.
  const staff = can('discussions.moderate');

  return (
    <FormModal<TopicValues>
      open={open}
      title="发起议题"
      okText="发起"
      width={720}
      initialValues={{ orgId: staff ? me.homeOrgId : undefined, opensOn: today(), closesOn: today().add(14, 'day'), polls: [] }}
      onSubmit={async (values) => onOpened((await openTopic.mutateAsync(toNewTopic(values))).id)}
      onClose={onClose}
    >
      {staff && (
        <Form.Item name="orgId" label="参与讨论的工会" tooltip="该工会及其下属工会的职工和会员代表都可以参与" rules={[{ required: true, message: '请选择工会' }]}>
          <OrgTreeSelect placeholder="选择工会" data-testid="topic-org" />
        </Form.Item>
      )}
      <Form.Item name="title" label="议题" rules={[{ required: true, message: '请填写议题' }]}>
        <Input maxLength={100} placeholder="如：骑手驿站选址征求意见" data-testid="topic-title" />
      </Form.Item>
      <Form.Item name="body" label="说明" rules={[{ required: true, message: '请写明议题的背景和想听取的意见' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="议题的背景、想听取哪些意见、结果怎么用" data-testid="topic-body" />
      </Form.Item>
      <Flex wrap gap="0 16px">
        <Form.Item name="opensOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="closesOn" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker />
        </Form.Item>
        {staff && (
          <Form.Item name="pinned" label="置顶" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Flex>
      <Form.List name="polls">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((field) => (
              <PollFields key={field.key} name={field.name} remove={() => remove(field.name)} />
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(NEW_POLL)} data-testid="poll-add">
              添加投票
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}

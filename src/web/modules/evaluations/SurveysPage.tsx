import { BarChartOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Flex, Form, Input, InputNumber, List, Space, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { StateTag, stateOptions, useWorkflowStates } from '../../components/StateTag';
import { WorkflowActions } from '../../components/WorkflowActions';
import { PageLoading } from '../../components/PageLoading';
import { DATE_FORMAT, dayjs } from '../../lib/time';
import { type Survey, type SurveyDetail as Detail, WORKFLOW } from './api';
import { useActOnSurvey, useCreateSurvey, useEditSurvey, useSurvey, useSurveys, useTemplate } from './hooks';

type FilterKey = 'q' | 'state';

const COLUMNS: TableColumnsType<Survey> = [
  { title: '测评', dataIndex: 'title', ellipsis: true },
  { title: '周期', dataIndex: 'period', width: 120 },
  { title: '组织工会', dataIndex: 'orgName', width: 200, ellipsis: true },
  { title: '作答日期', key: 'dates', width: 210, render: (_, s) => `${s.opensOn} 至 ${s.closesOn}` },
  { title: '状态', dataIndex: 'state', width: 100, render: (_, s) => <StateTag workflow={WORKFLOW} state={s.state} label={s.stateLabel} /> },
  { title: '结果', key: 'results', width: 90, render: (_, s) => (s.state === 'draft' ? '—' : <Link to={`/evaluations/${s.id}/results`}>查看结果</Link>) },
];

interface SurveyValues {
  title: string;
  period: string;
  dates: [Dayjs, Dayjs];
  commentPrompt?: string;
  questions: { text: string; weight?: number }[];
}

/** 新建 (from the standard items) or 修改 a draft: title, period, dates, the scored statements with weights, the optional comment question. */
function SurveyFormModal({ survey, open, onClose }: { survey: Detail | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const template = useTemplate().data;
  const create = useCreateSurvey();
  const edit = useEditSurvey();
  const year = dayjs().year();
  const initialValues: Partial<SurveyValues> = survey
    ? { title: survey.title, period: survey.period, dates: [dayjs(survey.opensOn), dayjs(survey.closesOn)], commentPrompt: survey.commentPrompt ?? '', questions: survey.questions }
    : { title: `${year}年度“会员评家”测评`, period: `${year}年度`, commentPrompt: template?.commentPrompt, questions: template?.questions };
  if (!survey && !template) return null;
  return (
    <FormModal<SurveyValues>
      open={open}
      width={760}
      title={survey ? `修改测评：${survey.title}` : '新建会员评家测评'}
      okText={survey ? '保存' : '保存草稿'}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async ({ dates, commentPrompt, ...values }) => {
        const body = { ...values, opensOn: dates[0].format(DATE_FORMAT), closesOn: dates[1].format(DATE_FORMAT), commentPrompt: commentPrompt?.trim() || null };
        if (survey) await edit.mutateAsync({ id: survey.id, version: survey.version, ...body });
        else await create.mutateAsync(body);
        message.success(survey ? '已保存' : '已保存为草稿，检查无误后即可发布');
      }}
    >
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
        <Input maxLength={100} data-testid="survey-title" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="period" label="测评周期" rules={[{ required: true, message: '如 2026年度、2026年上半年' }]}>
          <Input maxLength={30} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="dates" label="作答日期（北京时间）" rules={[{ required: true, message: '请选择开始和截止日期' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Space>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <Form.Item label="打分题（1 非常不满意 … 5 非常满意）" required>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <span>{i + 1}.</span>
                <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: '请填写题目' }]} style={{ width: 520 }}>
                  <Input.TextArea autoSize maxLength={200} />
                </Form.Item>
                <Form.Item name={[field.name, 'weight']} label="权重">
                  <InputNumber min={1} max={10} style={{ width: 64 }} />
                </Form.Item>
                <MinusCircleOutlined aria-label="删除此题" onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', weight: 1 })} disabled={fields.length >= 30}>
              添加题目
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="commentPrompt" label="意见建议题（选填，不填则不设）">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

/** A survey in the drawer: its dates and questions, the steps the user may take, its history. */
function SurveyDetail({ id }: { id: number }) {
  const survey = useSurvey(id).data;
  const act = useActOnSurvey();
  const [editing, setEditing] = useState(false);
  if (!survey) return <PageLoading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="状态">
          <StateTag workflow={WORKFLOW} state={survey.state} label={survey.stateLabel} />
        </Descriptions.Item>
        <Descriptions.Item label="组织工会">{survey.orgName}（测评其下属各工会）</Descriptions.Item>
        <Descriptions.Item label="作答日期">
          {survey.opensOn} 至 {survey.closesOn}
        </Descriptions.Item>
        <Descriptions.Item label="意见建议题">{survey.commentPrompt ?? '不设'}</Descriptions.Item>
      </Descriptions>
      <Space wrap>
        {survey.canEdit && <Button onClick={() => setEditing(true)}>修改</Button>}
        <WorkflowActions actions={survey.allowedActions} subject={`测评「${survey.title}」`} onAct={(action, input) => act.mutateAsync({ id, action, input })} />
        {survey.state !== 'draft' && (
          <Link to={`/evaluations/${id}/results`}>
            <Button icon={<BarChartOutlined />}>查看结果</Button>
          </Link>
        )}
      </Space>
      <List
        header={`打分题 ${survey.questions.length} 道`}
        size="small"
        dataSource={survey.questions}
        renderItem={(q) => (
          <List.Item>
            {/* The weight as a tag at the right: antd's `extra` is for vertical lists and ran it into the question. */}
            <Flex justify="space-between" align="start" gap={12} style={{ width: '100%' }}>
              <span>
                {q.position}. {q.text}
              </span>
              {q.weight > 1 && (
                <Tag style={{ margin: 0 }} data-testid="question-weight">
                  权重 {q.weight}
                </Tag>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <HistoryTimeline entries={survey.timeline} />
      {survey.canEdit && <SurveyFormModal survey={survey} open={editing} onClose={() => setEditing(false)} />}
    </Space>
  );
}

/** 会员评家 for staff and leaders: the surveys of their scope, newest period first. */
export function SurveysPage() {
  const { can } = useAuth();
  const states = useWorkflowStates(WORKFLOW).data;
  const filters: FilterField<FilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '标题或测评周期' },
    { kind: 'select', key: 'state', label: '状态', options: stateOptions(states) },
  ];
  const list = useListParams(filters);
  const surveys = useSurveys(list.params);
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(list.params.q || list.params.state);
  return (
    <>
      <ListPage
        tableId="surveys"
        title="会员评家"
        list={list}
        query={surveys}
        columns={COLUMNS}
        rowKey={(s) => s.id}
        emptyText={filtered ? '没有符合条件的测评' : can('evaluations.manage') ? '还没有测评，点击「新建测评」从常用测评项开始' : '还没有测评，由工会发起后在这里查看结果'}
        extra={
          can('evaluations.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="survey-new">
              新建测评
            </Button>
          )
        }
        detail={{ width: 640, title: (s) => s.title, render: (s) => <SurveyDetail id={s.id} /> }}
      />
      {can('evaluations.manage') && creating && <SurveyFormModal survey={null} open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}

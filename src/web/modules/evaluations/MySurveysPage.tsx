import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Result, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { errorMessage } from '../../lib/api';
import type { MySurvey } from './api';
import { useAnswerSurvey, useMySurveys } from './hooks';

const SCORES = [
  { value: 5, label: '非常满意' },
  { value: 4, label: '满意' },
  { value: 3, label: '一般' },
  { value: 2, label: '不满意' },
  { value: 1, label: '非常不满意' },
];

/** One survey on the phone: a card per statement with the five answers stacked, then the comment, then 提交. */
function SurveyForm({ survey }: { survey: MySurvey }) {
  const { message } = App.useApp();
  const answer = useAnswerSurvey();
  const [form] = Form.useForm<Record<string, number | string>>();
  if (survey.answered) {
    return <Result status="success" icon={<CheckCircleOutlined />} title="感谢您的评价！" subTitle="您的答卷不记名，工会只看到汇总结果。" data-testid="survey-thanks" />;
  }
  if (survey.notAnswerable) return <Alert type="info" showIcon message={survey.notAnswerable} />;
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async (values) => {
        try {
          await answer.mutateAsync({
            id: survey.id,
            answers: survey.questions.map((q) => ({ questionId: q.id, score: Number(values[`q${q.id}`]) })),
            comment: typeof values.comment === 'string' && values.comment.trim() ? values.comment.trim() : null,
          });
          message.success('已提交，感谢您的评价');
        } catch (error) {
          message.error(errorMessage(error));
        }
      }}
    >
      {survey.questions.map((q) => (
        <Form.Item key={q.id} name={`q${q.id}`} label={`${q.position}. ${q.text}`} rules={[{ required: true, message: '请选择满意程度' }]}>
          <Radio.Group data-testid={`question-${q.position}`}>
            <Flex wrap gap={8}>
              {SCORES.map((s) => (
                <Radio.Button key={s.value} value={s.value}>
                  {s.label}
                </Radio.Button>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      ))}
      {survey.commentPrompt && (
        <Form.Item name="comment" label={survey.commentPrompt}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} showCount placeholder="选填，不记名" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={answer.isPending} data-testid="survey-submit">
        提交评价
      </Button>
    </Form>
  );
}

/** 会员评家 for a member: the open surveys of their union, each answered once, anonymously. */
export function MySurveysPage() {
  const query = useMySurveys();
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <PageLoading />;
  if (query.data.length === 0) return <Empty description="眼下没有进行中的测评；工会发布测评后会在这里出现" />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      {query.data.map((survey) => (
        <Card key={survey.id} title={survey.title} size="small" data-testid="my-survey">
          <Typography.Paragraph type="secondary">
            请为「{survey.unionName}」的工作打分 · 截止 {survey.closesOn} · 不记名
          </Typography.Paragraph>
          <SurveyForm survey={survey} />
        </Card>
      ))}
    </Flex>
  );
}

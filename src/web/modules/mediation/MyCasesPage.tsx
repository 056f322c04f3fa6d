import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Pagination, Radio, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { claimsOf, ClaimFields, type ClaimValues } from './ClaimFields';
import { useApplyOnline, useCases } from './hooks';
import { CaseTags } from './shared';

const PAGE_SIZE = 10;

interface ApplicationValues {
  kind: 'legal_help' | 'mediation';
  subject: string;
  facts: string;
  enterpriseName: string;
  phone?: string;
  claims: ClaimValues[];
}

/** 一件事: what happened, the employer, the claims — one form, and the studio of the worker's union takes it up. */
function ApplyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { message } = App.useApp();
  const apply = useApplyOnline();
  return (
    <FormModal<ApplicationValues>
      open={open}
      title="申请法律援助或调解"
      okText="提交"
      initialValues={{ kind: 'mediation', claims: [{ type: 'wages' }] }}
      onClose={onClose}
      onSubmit={async ({ claims, phone, ...fields }) => {
        const created = await apply.mutateAsync({ ...fields, phone: phone?.trim() || null, claims: claimsOf(claims) });
        message.success(`已提交，${created.studioName}会尽快联系您`);
        onCreated(created.id);
      }}
    >
      <Form.Item name="kind" label="申请事项">
        <Radio.Group
          options={[
            { value: 'mediation', label: '调解' },
            { value: 'legal_help', label: '法律咨询' },
          ]}
          data-testid="apply-kind"
        />
      </Form.Item>
      <Form.Item name="subject" label="一句话说明" rules={[{ required: true, whitespace: true, message: '请填写' }]}>
        <Input maxLength={100} placeholder="如：站点拖欠三个月配送费" data-testid="apply-subject" />
      </Form.Item>
      <Form.Item name="facts" label="发生了什么" rules={[{ required: true, whitespace: true, message: '请说明情况' }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder="时间、经过、和单位沟通的情况" data-testid="apply-facts" />
      </Form.Item>
      <Form.Item name="enterpriseName" label="用人单位" rules={[{ required: true, whitespace: true, message: '请填写用人单位' }]}>
        <Input maxLength={100} data-testid="apply-enterprise" />
      </Form.Item>
      <Form.Item name="phone" label="联系手机">
        <Input maxLength={20} inputMode="tel" data-testid="apply-phone" />
      </Form.Item>
      <Form.Item label="您的诉求" required>
        <ClaimFields />
      </Form.Item>
    </FormModal>
  );
}

/** 我的调解, on the phone: the worker's cases as cards (progress, agreement, rating), and an online application. */
export function MyCasesPage() {
  const navigate = useNavigate();
  const [params, update] = useUrlParams();
  const page = intParam(params, 'page') ?? 1;
  const cases = useCases({ page, pageSize: PAGE_SIZE });
  const [applying, setApplying] = useState(false);
  const items = cases.data?.items ?? [];
  return (
    <Card
      title="我的调解"
      size="small"
      style={{ maxWidth: 760 }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)} data-testid="apply-new">
          申请调解
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">工资、社保、工伤、解除合同等劳动纠纷，可以在这里向工会“连心舱”申请法律援助或调解，进度、协议和评价都在这里。</Typography.Paragraph>
      <ErrorAlert error={cases.error} />
      {cases.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description="您还没有调解案件；遇到劳动纠纷，点击「申请调解」" />
      ) : (
        <Flex vertical gap={12} data-testid="case-cards">
          {items.map((c) => (
            <Card key={c.id} size="small" hoverable onClick={() => navigate(`/mediation/cases/${c.id}`)} data-testid="case-card">
              <Typography.Text strong>{c.subject}</Typography.Text>
              <div style={{ margin: '4px 0' }}>
                <CaseTags record={c} />
              </div>
              <Typography.Text type="secondary">
                {c.studioName} · 主办 {c.leadName ?? '待安排'}
              </Typography.Text>
            </Card>
          ))}
          <Pagination simple size="small" align="center" current={page} pageSize={PAGE_SIZE} total={cases.data?.total ?? 0} onChange={(next) => update({ page: next === 1 ? null : next })} />
        </Flex>
      )}
      <ApplyModal open={applying} onClose={() => setApplying(false)} onCreated={(id) => navigate(`/mediation/cases/${id}`)} />
    </Card>
  );
}

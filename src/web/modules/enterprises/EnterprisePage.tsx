import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Descriptions, Empty, Flex, List, Result, Table, Tag, Typography } from 'antd';
import { type ComponentType, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { useTableWidth } from '../../components/ResponsiveTable';
import { StateTag } from '../../components/StateTag';
import { formatDateTime } from '../../lib/time';
import { EnterpriseCases } from '../mediation/EnterpriseLinks';
import type { EnterpriseDetail } from './api';
import { EnterpriseFormModal, PlanFormModal, SignalFormModal, VisitFormModal } from './forms';
import { useEnterprise } from './hooks';
import { yuan } from '../../lib/money';
import { LevelTag, WORKFLOW } from './shared';

/** A section of the enterprise page: it gets the enterprise as the server sent it. */
type Section = ComponentType<{ enterprise: EnterpriseDetail }>;

/** A section's card; its button (add, edit) only for those who manage the enterprise. */
function SectionCard({ title, enterprise, button, children }: { title: ReactNode; enterprise: EnterpriseDetail; button: { label: string; icon: ReactNode; testId: string; onClick: () => void }; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={title}
      extra={
        enterprise.canManage && (
          <Button size="small" icon={button.icon} onClick={button.onClick} data-testid={button.testId}>
            {button.label}
          </Button>
        )
      }
    >
      {children}
    </Card>
  );
}

function Info({ enterprise: e }: { enterprise: EnterpriseDetail }) {
  const [editing, setEditing] = useState(false);
  return (
    <SectionCard title="企业信息" enterprise={e} button={{ label: '修改', icon: <EditOutlined />, testId: 'enterprise-edit', onClick: () => setEditing(true) }}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label="统一社会信用代码">{e.creditCode}</Descriptions.Item>
        <Descriptions.Item label="建会">{e.hasUnion ? <Tag color="green">已建会</Tag> : <Tag>未建会</Tag>}</Descriptions.Item>
        <Descriptions.Item label="行业">{e.industry ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="职工人数">{e.employeeCount == null ? '—' : `${e.employeeCount} 人`}</Descriptions.Item>
        <Descriptions.Item label="地址">{e.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系人">{[e.contactName, e.contactPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="负责工会">{e.orgName}</Descriptions.Item>
      </Descriptions>
      <EnterpriseFormModal enterprise={e} open={editing} onClose={() => setEditing(false)} />
    </SectionCard>
  );
}

function Signals({ enterprise: e }: { enterprise: EnterpriseDetail }) {
  const tableWidth = useTableWidth();
  const [adding, setAdding] = useState(false);
  return (
    <SectionCard title={`风险预警（${e.signals.length}）`} enterprise={e} button={{ label: '登记预警', icon: <PlusOutlined />, testId: 'signal-new', onClick: () => setAdding(true) }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={e.signals}
        {...tableWidth}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={e.canManage ? '没有预警；发现风险时点击「登记预警」' : '没有预警'} /> }}
        columns={[
          { key: 'level', title: '等级', render: (_, s) => <LevelTag level={s.level} label={s.levelLabel} /> },
          { key: 'kind', title: '类型', render: (_, s) => <Link to={`/risk-signals/${s.id}`}>{s.kindLabel}</Link> },
          { key: 'state', title: '状态', render: (_, s) => <StateTag workflow={WORKFLOW} state={s.state} label={s.stateLabel} /> },
          { key: 'workers', title: '涉及职工', render: (_, s) => `${s.workersAffected} 人` },
          { key: 'amount', title: '金额', render: (_, s) => yuan(s.amountFen) },
          { key: 'reportedOn', title: '发现日期', dataIndex: 'reportedOn' },
        ]}
      />
      <SignalFormModal enterpriseId={e.id} signal={null} open={adding} onClose={() => setAdding(false)} />
    </SectionCard>
  );
}

function Visits({ enterprise: e }: { enterprise: EnterpriseDetail }) {
  const [adding, setAdding] = useState(false);
  return (
    <SectionCard title={`主动访查（${e.visits.length}）`} enterprise={e} button={{ label: '记录访查', icon: <PlusOutlined />, testId: 'visit-new', onClick: () => setAdding(true) }}>
      <List
        size="small"
        dataSource={e.visits}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有访查记录" /> }}
        renderItem={(v) => (
          <List.Item data-testid="visit">
            <List.Item.Meta title={`${v.visitedOn} · ${v.visitors}`} description={<span style={{ whiteSpace: 'pre-wrap' }}>{v.findings}</span>} />
          </List.Item>
        )}
      />
      <VisitFormModal enterpriseId={e.id} open={adding} onClose={() => setAdding(false)} />
    </SectionCard>
  );
}

function Plan({ enterprise: e }: { enterprise: EnterpriseDetail }) {
  const [editing, setEditing] = useState(false);
  const [current, ...history] = e.plan;
  return (
    <SectionCard title="一企一策" enterprise={e} button={{ label: current ? '修订' : '制定', icon: <EditOutlined />, testId: 'plan-edit', onClick: () => setEditing(true) }}>
      {current ? (
        <Flex vertical gap={8} data-testid="plan-current">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{current.summary}</Typography.Paragraph>
          <Typography.Text strong>措施</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{current.measures}</Typography.Paragraph>
          <Typography.Text type="secondary">
            责任人：{current.responsiblePerson} · 第 {current.revision} 版，{current.authorName} {formatDateTime(current.at)}
          </Typography.Text>
          {history.length > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: 'history',
                  label: `修订记录（${history.length}）`,
                  children: history.map((p) => (
                    <div key={p.revision} style={{ marginBottom: 12 }}>
                      <Typography.Text type="secondary">
                        第 {p.revision} 版 · {p.authorName} {formatDateTime(p.at)} · 责任人 {p.responsiblePerson}
                      </Typography.Text>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</div>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{p.measures}</div>
                    </div>
                  )),
                },
              ]}
            />
          )}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={e.canManage ? '还没有一企一策：点击「制定」写下工作思路、措施和责任人' : '还没有一企一策'} />
      )}
      <PlanFormModal enterprise={e} open={editing} onClose={() => setEditing(false)} />
    </SectionCard>
  );
}

/** The page's sections in order; another module's section about the enterprise joins this list. */
const SECTIONS: Section[] = [Info, Signals, Visits, EnterpriseCases, Plan];

/** An enterprise's sections, for its page and the list's drawer. */
export function EnterpriseSections({ id }: { id: number }) {
  const query = useEnterprise(id);
  if (query.isPending) return <PageLoading />;
  if (query.error) return <ErrorAlert error={query.error} />;
  return (
    <Flex vertical gap={16} data-testid="enterprise-sections">
      {SECTIONS.map((S, i) => (
        <S key={i} enterprise={query.data} />
      ))}
    </Flex>
  );
}

/** An enterprise on its own page: its facts, signals, visits, mediation cases and plan. */
export function EnterprisePage() {
  const id = Number(useParams().id);
  const name = useEnterprise(Number.isInteger(id) && id > 0 ? id : null).data?.name;
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
  return (
    <Card
      title={name ?? '企业'}
      extra={
        <Link to="/enterprises">
          <ArrowLeftOutlined /> 返回一企一策
        </Link>
      }
      style={{ maxWidth: 960 }}
    >
      <EnterpriseSections id={id} />
    </Card>
  );
}

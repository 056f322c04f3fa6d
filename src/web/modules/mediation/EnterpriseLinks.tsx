import { BranchesOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTableWidth } from '../../components/ResponsiveTable';
import { useRefreshEnterprises } from '../enterprises/hooks';
import { useCases } from './hooks';
import { NewCaseModal, type SourceSignal, useOpenableStudios } from './NewCaseForm';
import { yuan } from '../../lib/money';
import { CaseTags } from './shared';

/**
 * What mediation adds to the enterprises' pages (一企一策): 转调解 on a risk
 * signal, and an enterprise's cases. The server decides what each user sees
 * (a mediator: their studio's cases; notes never in a list).
 */

/** 转调解: for those who may open cases at a studio, while the signal is being handled; the new case's page follows (the signal now names it). */
export function OpenCaseFromSignal({ signal }: { signal: SourceSignal }) {
  const navigate = useNavigate();
  const studios = useOpenableStudios();
  const refreshEnterprises = useRefreshEnterprises();
  const [open, setOpen] = useState(false);
  if (studios.length === 0) return null;
  return (
    <>
      <Button icon={<BranchesOutlined />} onClick={() => setOpen(true)} data-testid="signal-open-case">
        转调解
      </Button>
      <NewCaseModal open={open} signal={signal} onClose={() => setOpen(false)} onCreated={(id) => void refreshEnterprises().then(() => navigate(`/mediation/cases/${id}`))} />
    </>
  );
}

const PAGE_SIZE = 10;

/** 调解案件 of an enterprise (by its credit code), those the user may see, the latest activity first. */
export function EnterpriseCases({ enterprise }: { enterprise: { id: number } }) {
  const tableWidth = useTableWidth();
  const [page, setPage] = useState(1);
  const cases = useCases({ enterpriseId: String(enterprise.id), page, pageSize: PAGE_SIZE });
  return (
    <Card size="small" title={`调解案件（${cases.data?.total ?? 0}）`} data-testid="enterprise-cases">
      {cases.error ? (
        <ErrorAlert error={cases.error} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={cases.isPending}
          dataSource={cases.data?.items}
          {...tableWidth}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: cases.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage, size: 'small' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有您能查看的调解案件；有风险预警需要调解时，在预警页面点击「转调解」" /> }}
          // Four columns, so that a drawer beside the list has room for the stage and its deadline.
          columns={[
            {
              key: 'subject',
              title: '案由',
              render: (_, c) => (
                <div style={{ minWidth: 160 }}>
                  <Link to={`/mediation/cases/${c.id}`}>{c.subject}</Link>
                  <div className="lx-muted">
                    {c.studioName} · <span style={{ whiteSpace: 'nowrap' }}>{c.receivedOn} 受理</span>
                  </div>
                </div>
              ),
            },
            { key: 'state', title: '阶段', render: (_, c) => <CaseTags record={c} /> },
            { key: 'workers', title: '职工', render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{c.workerCount} 人</span> },
            { key: 'amount', title: '诉求金额', render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{yuan(c.claimedTotal)}</span> },
          ]}
        />
      )}
    </Card>
  );
}

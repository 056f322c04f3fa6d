import { PlusOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import type { Enterprise, EnterpriseFilterKey } from './api';
import { EnterpriseSections } from './EnterprisePage';
import { EnterpriseFormModal } from './forms';
import { useEnterprises } from './hooks';
import { DETAIL_WIDTH, LevelTag } from './shared';

const COLUMNS: TableColumnsType<Enterprise> = [
  {
    key: 'name',
    title: '企业',
    sorter: true,
    render: (_, e) => (
      <div style={{ minWidth: 180 }}>
        {e.name}
        <div className="lx-muted">{e.creditCode}</div>
      </div>
    ),
  },
  { key: 'industry', title: '行业', render: (_, e) => e.industry ?? '—' },
  { key: 'employeeCount', title: '职工人数', sorter: true, render: (_, e) => (e.employeeCount == null ? '—' : `${e.employeeCount} 人`) },
  { key: 'hasUnion', title: '建会', render: (_, e) => (e.hasUnion ? <Tag color="green">已建会</Tag> : <Tag>未建会</Tag>) },
  {
    key: 'openSignals',
    title: '未结预警',
    sorter: true,
    render: (_, e) => (e.openSignals === 0 ? '—' : <>{e.topLevel && <LevelTag level={e.topLevel} label={`${e.openSignals} 条`} />}</>),
  },
  { key: 'org', title: '负责工会', dataIndex: 'orgName' },
];

/** 一企一策: the enterprises the subtree's unions look after; a row opens the enterprise. */
export function EnterprisesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const filters: FilterField<EnterpriseFilterKey>[] = [
    { kind: 'text', key: 'q', label: '企业', placeholder: '企业名称或统一社会信用代码' },
    { kind: 'org', key: 'orgId', label: '工会' },
    { kind: 'select', key: 'hasUnion', label: '建会', options: [{ value: 'true', label: '已建会' }, { value: 'false', label: '未建会' }] },
  ];
  const list = useListParams(filters);
  const enterprises = useEnterprises(list.params);
  const filtered = filters.some((f) => f.kind !== 'dateRange' && list.params[f.key]);
  const canManage = can('enterprises.manage');

  return (
    <>
      <ListPage
        tableId="enterprises"
        phoneColumns={['name', 'openSignals', 'org']}
        title="一企一策"
        list={list}
        query={enterprises}
        columns={COLUMNS}
        rowKey={(e) => e.id}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-new">
              登记企业
            </Button>
          )
        }
        emptyText={filtered ? '没有符合条件的企业' : canManage ? '还没有登记企业：点击「登记企业」添加本工会负责的企业' : '本级和下级工会还没有登记企业'}
        detail={{
          width: DETAIL_WIDTH,
          title: (e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link>,
          render: (e) => <EnterpriseSections id={e.id} />,
        }}
      />
      <EnterpriseFormModal enterprise={null} open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/enterprises/${id}`)} />
    </>
  );
}

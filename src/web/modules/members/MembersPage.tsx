import { UserAddOutlined } from '@ant-design/icons';
import { Button, Drawer, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { AddMemberModal } from './AddMemberModal';
import { type Member, type MemberFilterKey, membersExportUrl } from './api';
import { isNewForm } from './employment';
import { useMember, useMemberCount, useMembers, useMembersMeta } from './hooks';
import { MemberDetail } from './MemberDetail';
import { StateTag } from '../../components/StateTag';
import { DownloadButton } from '../../components/DownloadButton';

const COLUMNS: TableColumnsType<Member> = [
  { key: 'name', title: '姓名', dataIndex: 'name', sorter: true, fixed: 'left' },
  { key: 'sex', title: '性别', dataIndex: 'sex', render: (sex: Member['sex']) => (sex === 'male' ? '男' : '女') },
  { key: 'idMasked', title: '身份证号', dataIndex: 'idMasked' },
  { key: 'cardNo', title: '会员证号', dataIndex: 'cardNo' },
  { key: 'phone', title: '手机号', dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
  { key: 'orgName', title: '所在工会', dataIndex: 'orgName' },
  {
    key: 'employmentForm',
    title: '就业形态',
    render: (_, m) => (isNewForm(m.employmentForm) ? <Tag color="volcano">{m.employmentFormLabel}</Tag> : m.employmentFormLabel),
  },
  { key: 'status', title: '会籍状态', render: (_, m) => <StateTag workflow="membership" state={m.status} label={m.statusLabel} /> },
  { key: 'joinedOn', title: '入会日期', dataIndex: 'joinedOn', sorter: true },
];

const DETAIL_WIDTH = 640;
const memberTitle = (m: Member) => `${m.name}（${m.cardNo}）`;

/** 会员名册: search the members of the user's scope, open one for its history and the membership actions; staff enter new members. */
export function MembersPage() {
  const { can } = useAuth();
  const meta = useMembersMeta();
  const toOptions = (items?: { code: string; label: string }[]) => items?.map((i) => ({ value: i.code, label: i.label })) ?? [];
  const filters: FilterField<MemberFilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '姓名、拼音、证号后几位、手机号、会员证号' },
    { kind: 'org', key: 'orgId', label: '组织' },
    // 在册 (active and retained) by default, so the register and its export list each member once.
    { kind: 'select', key: 'status', label: '会籍状态', options: toOptions(meta.data?.statusFilters), defaultValue: 'current', width: 190 },
    { kind: 'select', key: 'employmentForm', label: '就业形态', options: toOptions(meta.data?.employmentForms) },
    { kind: 'checkbox', key: 'newFormsOnly', label: '只看新就业形态' },
    { kind: 'text', key: 'employer', label: '工作单位', placeholder: '单位或平台名称' },
    { kind: 'dateRange', keys: ['joinedFrom', 'joinedTo'], label: '入会日期' },
  ];
  const list = useListParams(filters);
  const members = useMembers(list.params);
  const count = useMemberCount(list.params, members.data?.total === null);
  const [adding, setAdding] = useState(false);
  // A member opened by id (one just entered), wherever the list's page is.
  const [urlParams, update] = useUrlParams();
  const openedId = intParam(urlParams, 'member');
  const opened = useMember(openedId).data;

  return (
    <>
      <ListPage
        title="会员名册"
        list={list}
        query={members}
        count={count}
        columns={COLUMNS}
        rowKey={(m) => `${m.tenantId}-${m.id}`}
        emptyText="没有符合条件的会员，可调整或重置筛选条件"
        emptyHint={
          <span data-testid="members-empty-hint">
            名册里还没有会员。可以「导入花名册」批量建档，用「新增会员」登记到窗口办理的职工，或打印入会二维码让职工在手机上申请。
          </span>
        }
        tableId="members"
        phoneColumns={['name', 'orgName', 'status']}
        selection={{
          actions: (rows) => (
            <DownloadButton size="small" href={membersExportUrl({ ...list.params, ids: rows.map((m) => m.id).join(',') })} testId="members-export-selected">
              导出所选
            </DownloadButton>
          ),
        }}
        extra={
          <Space>
            {can('members.manage') && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="member-add">
                新增会员
              </Button>
            )}
            <DownloadButton href={membersExportUrl(list.params)} testId="members-export">
              导出 Excel
            </DownloadButton>
          </Space>
        }
        detail={{
          width: DETAIL_WIDTH,
          title: memberTitle,
          render: (m) => <MemberDetail id={m.id} />,
        }}
      />
      <Drawer open={openedId !== null} size={DETAIL_WIDTH} title={opened && memberTitle(opened)} onClose={() => update({ member: null })} destroyOnHidden>
        {openedId !== null && <MemberDetail id={openedId} />}
      </Drawer>
      {can('members.manage') && <AddMemberModal open={adding} onClose={() => setAdding(false)} onAdded={(id) => update({ member: id })} />}
    </>
  );
}

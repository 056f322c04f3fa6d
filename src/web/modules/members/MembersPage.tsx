import { DownloadOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType, Tag } from 'antd';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { type Member, type MemberFilterKey, membersExportUrl } from './api';
import { useMembers, useMembersMeta } from './hooks';
import { MemberDetail } from './MemberDetail';
import { StateTag } from './shared';

const NEW_FORMS = ['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider'];

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
    render: (_, m) => (NEW_FORMS.includes(m.employmentForm) ? <Tag color="volcano">{m.employmentFormLabel}</Tag> : m.employmentFormLabel),
  },
  { key: 'status', title: '会籍状态', render: (_, m) => <StateTag state={m.status} label={m.statusLabel} /> },
  { key: 'joinedOn', title: '入会日期', dataIndex: 'joinedOn', sorter: true },
];

/** 会员名册: search the members of the user's scope, open one for its history and the membership actions. */
export function MembersPage() {
  const meta = useMembersMeta();
  const toOptions = (items?: { code: string; label: string }[]) => items?.map((i) => ({ value: i.code, label: i.label })) ?? [];
  const filters: FilterField<MemberFilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '姓名、拼音、证号后几位、手机号、会员证号' },
    { kind: 'org', key: 'orgId', label: '组织' },
    { kind: 'select', key: 'status', label: '会籍状态', options: toOptions(meta.data?.statuses) },
    { kind: 'select', key: 'employmentForm', label: '就业形态', options: toOptions(meta.data?.employmentForms) },
    { kind: 'checkbox', key: 'newFormsOnly', label: '只看新就业形态' },
    { kind: 'text', key: 'employer', label: '工作单位', placeholder: '单位或平台名称' },
    { kind: 'dateRange', keys: ['joinedFrom', 'joinedTo'], label: '入会日期' },
  ];
  const list = useListParams(filters);
  const members = useMembers(list.params);

  return (
    <ListPage
      title="会员名册"
      list={list}
      query={members}
      columns={COLUMNS}
      rowKey={(m) => `${m.tenantId}-${m.id}`}
      emptyText="没有符合条件的会员"
      extra={
        <Button icon={<DownloadOutlined />} href={membersExportUrl(list.params)} download data-testid="members-export">
          导出 Excel
        </Button>
      }
      detail={{
        width: 640,
        title: (m) => `${m.name}（${m.cardNo}）`,
        render: (m) => <MemberDetail id={m.id} />,
      }}
    />
  );
}

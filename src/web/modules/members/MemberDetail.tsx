import { EyeOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Divider, Empty, Flex, Form, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import type { MemberConsent, MemberDetail as MemberDetailRecord, TimelineEntry } from './api';
import { useMember, useMembersMeta, useRequestTransfer, useRevealId } from './hooks';
import { UnionSearchSelect } from './UnionSearchSelect';
import { HistoryTimeline, membershipYears, SOURCE_LABELS } from './shared';
import { MemberActions } from './WorkflowActions';
import { StateTag, useWorkflowStates, type WorkflowState } from '../../components/StateTag';

const ITEM_STYLE = { padding: '8px 12px', border: '1px solid var(--lx-border)', borderRadius: 6 };
const show = (value: string | null | undefined) => value || '—';

/** The full ID number, on request only: each look is written to the audit log. */
function ResidentId({ member }: { member: MemberDetailRecord }) {
  const { message } = App.useApp();
  const reveal = useRevealId();
  const [full, setFull] = useState<string | null>(null);

  if (full) {
    return (
      <Flex vertical gap={2}>
        <Typography.Text copyable data-testid="member-id-full">
          {full}
        </Typography.Text>
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          此操作已记入审计日志
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Space wrap>
      <span data-testid="member-id-masked">{member.idMasked}</span>
      {member.canRevealId && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          data-testid="member-reveal-id"
          onClick={() =>
            reveal.mutate(member.id, {
              onSuccess: (r) => setFull(r.residentId),
              onError: (err) => message.error(errorMessage(err)),
            })
          }
        >
          查看完整号码
        </Button>
      )}
    </Space>
  );
}

interface TransferValues {
  toOrgId: number;
  reason?: string;
}

/** 发起接转 by the member's own union: the receiving union then accepts. */
function TransferOutModal({ member, open, onClose }: { member: MemberDetailRecord; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const request = useRequestTransfer();
  return (
    <FormModal<TransferValues>
      open={open}
      title={`发起接转：${member.name}`}
      okText="提交接转申请"
      onClose={onClose}
      onSubmit={async (values) => {
        await request.mutateAsync({ membershipId: member.id, toOrgId: values.toOrgId, reason: values.reason?.trim() || undefined });
        message.success('已提交接转申请，待转入工会接收');
      }}
    >
      <Typography.Paragraph type="secondary">
        会员更换工作单位时，由原工会发起接转，经转入工会接收后会籍转移，会龄连续计算。
      </Typography.Paragraph>
      <Form.Item name="toOrgId" label="转入工会" rules={[{ required: true, message: '请选择转入工会' }]}>
        <UnionSearchSelect data-testid="transfer-out-org" />
      </Form.Item>
      <Form.Item name="reason" label="接转原因" rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder="如：调动至新单位工作" />
      </Form.Item>
    </FormModal>
  );
}

/** What 修改会员信息 may change, as its form names the fields (members/workflow.ts detailsInput). */
const DETAIL_FIELDS = [
  ['name', '姓名'],
  ['phone', '手机号'],
  ['employmentForm', '就业形态'],
  ['employerName', '工作单位'],
  ['employerCreditCode', '统一社会信用代码'],
  ['platformName', '所在平台'],
] as const;

/** The record's values for 修改会员信息's form, which sends only what is changed. */
const detailsOf = (member: MemberDetailRecord) =>
  Object.fromEntries(DETAIL_FIELDS.flatMap(([field]) => (member[field] == null ? [] : [[field, member[field]]]))) as Record<string, string>;

/** Where the membership came from or went to, read off the entry's payload and the person's transfers. */
function describeEntry(member: MemberDetailRecord, formLabels: Record<string, string>) {
  return (entry: TimelineEntry, payload: Record<string, unknown>) => {
    if (entry.action === 'create' && typeof payload.source === 'string') {
      if (payload.source !== 'transfer') return `来源：${SOURCE_LABELS[payload.source] ?? payload.source}`;
      // The transfer that opened this membership ended at this union.
      const from = member.transfers.find((t) => t.state === 'completed' && t.toOrgName === member.orgName);
      return from ? `由「${from.fromOrgName}」接转转入，会龄连续计算` : '会员接转转入，会龄连续计算';
    }
    if (entry.action === 'update_details') {
      const changes = DETAIL_FIELDS.flatMap(([field, label]) => (field in payload ? [`${label}改为「${field === 'employmentForm' ? formLabels[String(payload[field])] ?? payload[field] : payload[field]}」`] : []));
      return changes.join('；') || null;
    }
    if (entry.action === 'transfer_out') {
      const transfer = member.transfers.find((t) => t.id === payload.transferId);
      return transfer ? `转至「${transfer.toOrgName}」` : null;
    }
    return null;
  };
}

/** Which version of the join notice the person agreed to, when and how (PIPL); a roster import records none. */
function Consent({ consent }: { consent: MemberConsent }) {
  if (!consent.version) {
    return (
      <Typography.Text type="secondary" data-testid="member-consent">
        未记录 — {consent.viaLabel}
      </Typography.Text>
    );
  }
  const how = consent.via === 'staff' ? '纸质入会申请书签字' : '在线勾选同意';
  return (
    <Flex vertical gap={2} data-testid="member-consent">
      <span>已同意《入会个人信息处理规则》（{consent.version} 版）</span>
      <span className="lx-muted">
        {consent.viaLabel}（{how}）· {formatDateTime(consent.at)}
        {consent.viaTransfer && ' · 记录在接转前的会籍上'}
      </span>
    </Flex>
  );
}

/** Why 会龄 starts where it does (server: members/member-since.ts). */
function yearsNote(member: MemberDetailRecord, states: WorkflowState[]) {
  if (member.memberSince < member.joinedOn || member.source === 'transfer') return '，接转前后连续计算';
  // A closing that does not carry 会龄 on (the workflow's `continuing` flag) ends it: a later membership counts anew.
  const ended = (status: string) => states.some((s) => s.state === status && s.terminal && !s.flags.includes('continuing'));
  if (member.previousMemberships.some((m) => ended(m.status))) return '，此前的会籍已终止（退会或开除），重新入会后会龄重新计算';
  return '';
}

function MemberBody({ member, onDone }: { member: MemberDetailRecord; onDone?: () => void }) {
  const { can } = useAuth();
  const [transferring, setTransferring] = useState(false);
  const states = useWorkflowStates('membership').data?.states ?? [];
  const open = states.some((s) => s.state === member.status && s.open);
  const formLabels = Object.fromEntries((useMembersMeta().data?.employmentForms ?? []).map((f) => [f.code, f.label]));

  return (
    <Flex vertical gap={16} data-testid="member-detail">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'name', label: '姓名', children: <span data-testid="member-name">{member.name}</span> },
          { key: 'status', label: '会籍状态', children: <StateTag workflow="membership" state={member.status} label={member.statusLabel} /> },
          { key: 'cardNo', label: '会员证号', children: <span data-testid="member-card-no">{member.cardNo}</span> },
          { key: 'id', label: '身份证号', children: <ResidentId member={member} /> },
          { key: 'sex', label: '性别 / 年龄', children: `${member.sex === 'male' ? '男' : '女'} / ${member.age} 岁` },
          { key: 'phone', label: '手机号', children: show(member.phone) },
          { key: 'org', label: '所在工会', children: <span data-testid="member-org">{member.orgName}</span> },
          {
            key: 'employment',
            label: '就业形态',
            children: (
              <Flex vertical gap={2}>
                <span>{member.employmentFormLabel}</span>
                {member.employerName && <span className="lx-muted">工作单位：{member.employerName}</span>}
                {member.employerCreditCode && <span className="lx-muted">统一社会信用代码：{member.employerCreditCode}</span>}
                {member.platformName && <span className="lx-muted">所在平台：{member.platformName}</span>}
              </Flex>
            ),
          },
          { key: 'joinedOn', label: '入会（转入）日期', children: member.joinedOn },
          {
            key: 'years',
            label: '会龄',
            children: (
              <span data-testid="member-years">
                {membershipYears(member.memberSince)}
                <Typography.Text type="secondary">
                  （自 <span data-testid="member-since">{member.memberSince}</span> 起{yearsNote(member, states)}）
                </Typography.Text>
              </span>
            ),
          },
          { key: 'source', label: '登记方式', children: SOURCE_LABELS[member.source] ?? member.source },
          { key: 'consent', label: '个人信息处理同意', children: <Consent consent={member.consent} /> },
          { key: 'dues', label: '最近缴纳会费', children: show(member.lastDuesOn) },
          { key: 'activity', label: '最近参加活动', children: show(member.lastActivityOn) },
          ...(member.endedOn ? [{ key: 'ended', label: '会籍终止', children: `${member.endedOn}${member.endReason ? `（${member.endReason}）` : ''}` }] : []),
        ]}
      />

      {(member.allowedActions.length > 0 || (open && can('members.manage'))) && (
        <Flex gap={8} wrap>
          <MemberActions target="member" id={member.id} actions={member.allowedActions} subject={member.name} onDone={onDone} current={{ update_details: detailsOf(member) }} />
          {/* Staff of the member's union start a transfer; the server checks they are. */}
          {open && can('members.manage') && (
            <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="member-transfer-out">
              发起接转
            </Button>
          )}
        </Flex>
      )}

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        会籍历史
      </Divider>
      <HistoryTimeline entries={member.history} describe={describeEntry(member, formLabels)} testId="member-history" />

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        此前会籍
      </Divider>
      {member.previousMemberships.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本辖区内无其他会籍" />
      ) : (
        <Flex vertical gap={8} data-testid="member-previous">
          {member.previousMemberships.map((m) => (
            <div key={`${m.tenantId}-${m.id}`} style={ITEM_STYLE} data-testid="member-previous-item">
              <Flex vertical gap={2}>
                <Space wrap>
                  <Typography.Text strong>{m.orgName}</Typography.Text>
                  <StateTag workflow="membership" state={m.status} label={m.statusLabel} />
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  会员证号 {m.cardNo} · {m.joinedOn} 至 {m.endedOn ?? '今'} · {m.employmentFormLabel}
                </Typography.Text>
              </Flex>
            </div>
          ))}
        </Flex>
      )}

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        接转记录
      </Divider>
      {member.transfers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无接转记录" />
      ) : (
        <Flex vertical gap={8} data-testid="member-transfers">
          {member.transfers.map((t) => (
            <div key={t.id} style={ITEM_STYLE} data-testid="member-transfer-item">
              <Flex vertical gap={2}>
                <Space wrap>
                  <span>
                    {t.fromOrgName} → {t.toOrgName}
                  </span>
                  <StateTag workflow="transfer" state={t.state} label={t.stateLabel} />
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  申请于 {formatDateTime(t.createdAt)}
                </Typography.Text>
              </Flex>
            </div>
          ))}
        </Flex>
      )}

      <TransferOutModal member={member} open={transferring} onClose={() => setTransferring(false)} />
    </Flex>
  );
}

/** The drawer body for one membership: particulars, allowed actions and the person's whole history. */
export function MemberDetail({ id, onDone }: { id: number; onDone?: () => void }) {
  const query = useMember(id);
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Spin />;
  return <MemberBody key={query.data.id} member={query.data} onDone={onDone} />;
}


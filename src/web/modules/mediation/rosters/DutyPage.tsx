import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Calendar, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, Popover, Radio, Select, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { PageLoading } from '../../../components/PageLoading';
import { useTableWidth } from '../../../components/ResponsiveTable';
import { dayjs, today } from '../../../lib/time';
import type { Studio } from '../api';
import { useStudios } from '../hooks';
import type { DutyDay, DutyEntry, DutyRule, NewDutyRule } from './api';
import { useCreateDutyException, useCreateDutyRule, useDutyMonth, useDutyRules, useRemoveDutyException, useUpdateDutyRule } from './hooks';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((label, i) => ({ value: i + 1, label: `星期${label}` }));
const SLOTS = [
  { value: 'all_day', label: '全天' },
  { value: 'morning', label: '上午' },
  { value: 'afternoon', label: '下午' },
] as const;
const NTH = [...['第一个', '第二个', '第三个', '第四个'].map((label, i) => ({ value: i + 1, label })), { value: -1, label: '最后一个' }];
const MONTH_DAYS = [...Array.from({ length: 28 }, (_, i) => ({ value: i + 1, label: `${i + 1} 日` })), { value: -1, label: '最后一天' }];
const ROLE_COLORS: Record<string, string> = { navigator: 'purple', tutor: 'geekblue', cabin_chief: 'blue', volunteer: 'green', lawyer: 'gold' };

/** 上午 09:00–11:30 */
const slotText = (e: Pick<DutyEntry, 'slotLabel' | 'startTime' | 'endTime'>) => `${e.slotLabel}${e.startTime ? ` ${e.startTime}–${e.endTime}` : ''}`;

interface RuleValues {
  memberId: number;
  recurrence: NewDutyRule['recurrence'];
  weekdays?: number[];
  nth?: number;
  weekday?: number;
  monthDay?: number;
  slot: NewDutyRule['slot'];
  startTime?: string;
  endTime?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
  onRestDays?: boolean;
  note?: string;
}

/** 新增 or 修改 a duty rule: who, how it repeats, the slot, from when to when. */
function RuleFormModal({ studio, rule, onClose }: { studio: Studio; rule: DutyRule | null; onClose: () => void }) {
  const { message } = App.useApp();
  const create = useCreateDutyRule();
  const update = useUpdateDutyRule();
  const [recurrence, setRecurrence] = useState<RuleValues['recurrence']>(rule?.recurrence ?? 'weekly');
  const initialValues: Partial<RuleValues> = rule
    ? {
        ...rule,
        nth: rule.nth ?? undefined,
        weekday: rule.weekday ?? undefined,
        monthDay: rule.monthDay ?? undefined,
        startTime: rule.startTime ?? '',
        endTime: rule.endTime ?? '',
        note: rule.note ?? '',
        validFrom: dayjs(rule.validFrom),
        validTo: rule.validTo ? dayjs(rule.validTo) : null,
      }
    : { recurrence: 'weekly', slot: 'all_day', validFrom: today(), onRestDays: false };
  return (
    <FormModal<RuleValues>
      open
      title={rule ? `修改值班规则：${rule.memberName} ${rule.description}` : `新增值班规则：${studio.name}`}
      okText={rule ? '保存' : '新增'}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async ({ validFrom, validTo, startTime, endTime, note, ...fields }) => {
        const values = {
          ...fields,
          startTime: startTime?.trim() || null,
          endTime: endTime?.trim() || null,
          note: note?.trim() || null,
          validFrom: validFrom.format('YYYY-MM-DD'),
          validTo: validTo ? validTo.format('YYYY-MM-DD') : null,
        };
        if (rule) await update.mutateAsync({ studioId: studio.id, ruleId: rule.id, version: rule.version, ...values });
        else await create.mutateAsync({ studioId: studio.id, ...values });
        message.success(rule ? '已保存' : '已新增值班规则');
      }}
    >
      <Form.Item name="memberId" label="值班人" rules={[{ required: true, message: '请选择团队成员' }]}>
        <Select
          options={studio.members.filter((m) => m.active).map((m) => ({ value: m.id, label: `${m.roleLabel} ${m.name}` }))}
          placeholder="选择团队成员"
          style={{ maxWidth: 260 }}
          data-testid="rule-member"
        />
      </Form.Item>
      <Form.Item name="recurrence" label="重复">
        <Radio.Group
          onChange={(e) => setRecurrence(e.target.value)}
          options={[
            { value: 'weekly', label: '每周' },
            { value: 'monthly_weekday', label: '每月第几个星期几' },
            { value: 'monthly_day', label: '每月几号' },
          ]}
          data-testid="rule-recurrence"
        />
      </Form.Item>
      {recurrence === 'weekly' && (
        <Form.Item name="weekdays" label="星期" extra="选全星期一至五即“每个工作日”，调休上班日也值班" rules={[{ required: true, message: '请选择星期几' }]}>
          <Checkbox.Group options={WEEKDAYS} data-testid="rule-weekdays" />
        </Form.Item>
      )}
      {recurrence === 'monthly_weekday' && (
        <Form.Item label="每月" required>
          <Space.Compact>
            <Form.Item name="nth" noStyle rules={[{ required: true, message: '请选择第几个' }]}>
              <Select options={NTH} style={{ width: 120 }} placeholder="第几个" data-testid="rule-nth" />
            </Form.Item>
            <Form.Item name="weekday" noStyle rules={[{ required: true, message: '请选择星期几' }]}>
              <Select options={WEEKDAYS} style={{ width: 120 }} placeholder="星期几" data-testid="rule-weekday" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      )}
      {recurrence === 'monthly_day' && (
        <Form.Item name="monthDay" label="每月" rules={[{ required: true, message: '请选择几号' }]}>
          <Select options={MONTH_DAYS} style={{ width: 140 }} data-testid="rule-month-day" />
        </Form.Item>
      )}
      <Form.Item name="slot" label="时段">
        <Radio.Group options={SLOTS.map((s) => ({ ...s }))} data-testid="rule-slot" />
      </Form.Item>
      <Form.Item label="时间（可选）">
        <Space>
          <Form.Item name="startTime" noStyle>
            <Input placeholder="09:00" style={{ width: 90 }} maxLength={5} data-testid="rule-start" />
          </Form.Item>
          至
          <Form.Item name="endTime" noStyle>
            <Input placeholder="11:30" style={{ width: 90 }} maxLength={5} data-testid="rule-end" />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item label="有效期" required>
        <Space>
          <Form.Item name="validFrom" noStyle rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker allowClear={false} data-testid="rule-valid-from" />
          </Form.Item>
          至
          <Form.Item name="validTo" noStyle>
            <DatePicker placeholder="长期" data-testid="rule-valid-to" />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name="onRestDays" label="节假日和周末" valuePropName="checked" extra="默认节假日、周末不值班（调休上班日照常值班）">
        <Switch checkedChildren="也值班" unCheckedChildren="不值班" data-testid="rule-rest-days" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input maxLength={200} placeholder="如：律师坐诊日，免费法律咨询" data-testid="rule-note" />
      </Form.Item>
    </FormModal>
  );
}

interface ExceptionValues {
  kind: 'cancel' | 'swap';
  substituteId?: number;
  reason: string;
}

/** 调整 one day of a rule: cancel it, or give it to another member (代班). */
function ExceptionFormModal({ studio, day, entry, onClose }: { studio: Studio; day: string; entry: DutyEntry; onClose: () => void }) {
  const { message } = App.useApp();
  const create = useCreateDutyException();
  const [kind, setKind] = useState<ExceptionValues['kind']>('swap');
  return (
    <FormModal<ExceptionValues>
      open
      title={`调整 ${day} 的值班：${entry.roleLabel} ${entry.name}（${slotText(entry)}）`}
      okText="确定"
      initialValues={{ kind: 'swap' }}
      onClose={onClose}
      onSubmit={async ({ substituteId, ...fields }) => {
        await create.mutateAsync({ studioId: studio.id, ruleId: entry.ruleId, day, ...fields, substituteId: fields.kind === 'swap' ? substituteId : null });
        message.success(fields.kind === 'swap' ? '已安排代班' : '已取消当天值班');
      }}
    >
      <Form.Item name="kind" label="调整">
        <Radio.Group onChange={(e) => setKind(e.target.value)} options={[{ value: 'swap', label: '代班' }, { value: 'cancel', label: '取消当天值班' }]} data-testid="exception-kind" />
      </Form.Item>
      {kind === 'swap' && (
        <Form.Item name="substituteId" label="代班人" rules={[{ required: true, message: '请选择代班的成员' }]}>
          <Select
            options={studio.members.filter((m) => m.active && m.id !== entry.memberId).map((m) => ({ value: m.id, label: `${m.roleLabel} ${m.name}` }))}
            style={{ maxWidth: 260 }}
            data-testid="exception-substitute"
          />
        </Form.Item>
      )}
      <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
        <Input maxLength={200} placeholder="如：参加市总工会调解员培训" data-testid="exception-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** One person on duty in a day's cell: a tag; those who keep the roster adjust the day from it. */
function EntryTag({ studio, day, entry, canManage, onAdjust }: { studio: Studio; day: string; entry: DutyEntry; canManage: boolean; onAdjust: () => void }) {
  const remove = useRemoveDutyException();
  const text = `${entry.name}${entry.slot === 'all_day' ? '' : ` ${entry.slotLabel}`}${entry.standsInFor ? `（代${entry.standsInFor}）` : ''}`;
  const tag = (
    <Tag color={entry.cancelled ? undefined : ROLE_COLORS[entry.role]} style={{ cursor: canManage ? 'pointer' : undefined, marginBottom: 2 }} data-testid="duty-entry">
      {entry.cancelled ? <Typography.Text delete>{text}</Typography.Text> : text}
    </Tag>
  );
  const details = (
    <Flex vertical gap={4} style={{ maxWidth: 260 }}>
      <span>
        {entry.roleLabel} · {slotText(entry)}
      </span>
      {entry.exception && (
        <Typography.Text type="secondary">
          {entry.exception.kindLabel}：{entry.exception.reason}
        </Typography.Text>
      )}
      {canManage &&
        (entry.exception ? (
          <ConfirmButton size="small" title="撤销这项调整？" description="撤销后恢复原值班人。" successMessage="已撤销" onConfirm={() => remove.mutateAsync({ studioId: studio.id, exceptionId: entry.exception!.id })} data-testid="exception-remove">
            撤销调整
          </ConfirmButton>
        ) : (
          <Button size="small" onClick={onAdjust} data-testid="exception-new">
            代班或取消
          </Button>
        ))}
    </Flex>
  );
  return (
    <Popover content={details} title={day} trigger="click">
      {tag}
    </Popover>
  );
}

/** 今日值班 of the studio, from the month's data. */
function TodayCard({ day }: { day: DutyDay | undefined }) {
  const entries = day?.entries.filter((e) => !e.cancelled) ?? [];
  return (
    <Card size="small" title={`今日值班${day ? ` · ${day.date}` : ''}${day?.holidayName ? ` · ${day.holidayName}` : ''}`} data-testid="duty-today">
      {entries.length === 0 ? (
        <Typography.Text type="secondary">今天没有安排值班{day && !day.working ? '（休息日）' : ''}</Typography.Text>
      ) : (
        <Space wrap>
          {entries.map((e) => (
            <Tag key={`${e.ruleId}`} color={ROLE_COLORS[e.role]}>
              {e.roleLabel} {e.name} · {slotText(e)}
              {e.standsInFor && `（代${e.standsInFor}）`}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}

function RulesTable({ studio, onEdit }: { studio: Studio; onEdit: (rule: DutyRule) => void }) {
  const tableWidth = useTableWidth();
  const rules = useDutyRules(studio.id);
  const update = useUpdateDutyRule();
  const canManage = rules.data?.canManage ?? false;
  const columns: TableColumnsType<DutyRule> = [
    { key: 'member', title: '值班人', render: (_, r) => `${r.roleLabel} ${r.memberName}${r.memberActive ? '' : '（已停用）'}` },
    { key: 'recurrence', title: '重复', dataIndex: 'description' },
    { key: 'slot', title: '时段', render: (_, r) => slotText(r) },
    { key: 'valid', title: '有效期', render: (_, r) => `${r.validFrom} 至 ${r.validTo ?? '长期'}` },
    { key: 'rest', title: '节假日', render: (_, r) => (r.onRestDays ? '也值班' : '不值班') },
    { key: 'note', title: '备注', dataIndex: 'note', render: (note: string | null) => note ?? '—' },
    { key: 'state', title: '状态', render: (_, r) => (r.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>) },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_: unknown, r: DutyRule) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(r)} data-testid="rule-edit">
                  修改
                </Button>
                <ConfirmButton
                type="link"
                size="small"
                danger={r.active}
                title={r.active ? '停用这条值班规则？' : '恢复这条值班规则？'}
                description={r.active ? '停用后不再按这条规则排班。' : undefined}
                successMessage={r.active ? '已停用' : '已恢复'}
                onConfirm={() => update.mutateAsync({ studioId: studio.id, ruleId: r.id, version: r.version, active: !r.active })}
                data-testid="rule-toggle"
              >
                {r.active ? '停用' : '恢复'}
                </ConfirmButton>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <ErrorAlert error={rules.error} />
      <Table<DutyRule>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rules.data?.items ?? []}
        loading={rules.isFetching}
        pagination={{ hideOnSinglePage: true, pageSize: 20 }}
        {...tableWidth}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canManage ? '还没有值班规则，点击「新增规则」排班' : '还没有值班规则'} /> }}
        data-testid="rule-table"
      />
    </>
  );
}

/** 连心舱 · 值班表: a studio's month of duty (holidays marked), today's duty, the rules, and adjustments of a day. */
export function DutyPage() {
  const studios = useStudios();
  const active = (studios.data ?? []).filter((s) => s.active);
  const [chosen, setChosen] = useState<number>();
  const studio = active.find((s) => s.id === chosen) ?? active[0];
  const [month, setMonth] = useState(today().format('YYYY-MM'));
  const days = useDutyMonth(studio?.id, month);
  const current = useDutyMonth(studio?.id, today().format('YYYY-MM'));
  const [editingRule, setEditingRule] = useState<DutyRule | 'new' | null>(null);
  const [adjusting, setAdjusting] = useState<{ day: string; entry: DutyEntry } | null>(null);
  if (studios.isPending) return <PageLoading />;
  if (!studio) {
    return (
      <Card title="连心舱 · 值班表">
        <ErrorAlert error={studios.error} />
        <Empty description="您所在范围内还没有调解工作室，请先在「连心舱 · 团队」设立工作室并添加成员" />
      </Card>
    );
  }
  const canManage = days.data?.canManage ?? false;
  const byDate = new Map((days.data?.days ?? []).map((d) => [d.date, d]));
  const todayDay = current.data?.days.find((d) => d.date === current.data?.today);

  const dateCell = (date: Dayjs) => {
    const day = byDate.get(date.format('YYYY-MM-DD'));
    if (!day) return null;
    return (
      <Flex vertical gap={2} align="flex-start">
        {day.holidayName && <Tag color={day.working ? 'orange' : 'red'}>{day.working ? `${day.holidayName}调休上班` : day.holidayName}</Tag>}
        {day.entries.map((e) => (
          <EntryTag key={e.ruleId} studio={studio} day={day.date} entry={e} canManage={canManage} onAdjust={() => setAdjusting({ day: day.date, entry: e })} />
        ))}
      </Flex>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title="连心舱 · 值班表"
        extra={
          <Space wrap>
            <Select value={studio.id} onChange={setChosen} options={active.map((s) => ({ value: s.id, label: s.name }))} style={{ minWidth: 260 }} data-testid="duty-studio" />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingRule('new')} data-testid="rule-new">
                新增规则
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          按规则排班（如每月“律师坐诊日”、每周“舱长轮值日”）；法定节假日和周末默认不值班，调休上班日照常值班。点击某天的值班人可安排代班或取消。
        </Typography.Paragraph>
      </Card>
      <TodayCard day={todayDay} />
      <Card size="small" title={`${studio.name} · ${Number(month.slice(5))} 月值班`}>
        <ErrorAlert error={days.error} />
        <Calendar
          className="lx-duty-calendar"
          value={month === today().format('YYYY-MM') ? today() : dayjs(`${month}-01`)}
          onPanelChange={(value) => setMonth(value.format('YYYY-MM'))}
          onSelect={(value, info) => info.source !== 'date' && setMonth(value.format('YYYY-MM'))}
          cellRender={(value, info) => (info.type === 'date' ? dateCell(value) : info.originNode)}
          data-testid="duty-calendar"
        />
      </Card>
      <Card size="small" title="值班规则">
        <RulesTable studio={studio} onEdit={setEditingRule} />
      </Card>
      {editingRule !== null && <RuleFormModal studio={studio} rule={editingRule === 'new' ? null : editingRule} onClose={() => setEditingRule(null)} />}
      {adjusting && <ExceptionFormModal studio={studio} day={adjusting.day} entry={adjusting.entry} onClose={() => setAdjusting(null)} />}
    </Flex>
  );
}

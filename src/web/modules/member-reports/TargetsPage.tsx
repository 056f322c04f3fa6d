import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUnsavedGuard } from '../../components/UnsavedGuard';
import { errorMessage } from '../../lib/api';
import { formatDateTime, today } from '../../lib/time';
import { intParam } from '../../lib/useUrlParams';
import type { MeasureKey, Measures, TargetsView } from './api';
import { useSaveTargets, useTargets } from './hooks';
import { MEASURES, OrgField, ProgressStats, useReportOrg } from './shared';

type Item = TargetsView['items'][number];
type Own = NonNullable<TargetsView['own']>;
type Draft = Record<number, Partial<Measures>>;

const same = (a: Measures | null, b: Partial<Measures>) => MEASURES.every((m) => (a?.[m.key] ?? null) === (b[m.key] ?? null));

/** A town's own target: what its parent set for the year, and how far the town has come. */
function OwnTarget({ org, year, own }: { org: TargetsView['org']; year: number; own: Own }) {
  const parent = own.parentName ?? '上级工会';
  const setBy = own.setByName ? `（${own.setByName}${own.updatedAt ? `，${formatDateTime(own.updatedAt)}` : ''}）` : '';
  return (
    <Flex vertical gap={16} data-testid="own-target">
      <Alert
        type="info"
        showIcon
        title={own.target ? `${org.name}的目标任务由${parent}下达${setBy}，此处只能查看。` : `${parent}尚未下达${org.name} ${year} 年的目标任务。`}
      />
      <Typography.Text type="secondary">
        {year} 年全年累计（截至 {own.asOf}）与目标任务；某项目标为 0 或未设定的不考核。
      </Typography.Text>
      <ProgressStats ytd={own.ytd} target={own.target} rates={own.rates} />
    </Flex>
  );
}

/** 目标任务: a year's targets for each district of an org, edited in the table and saved together; a town sees its own. */
export function TargetsPage() {
  const { message } = App.useApp();
  const { orgId, params, update, setOrgId } = useReportOrg();
  const year = intParam(params, 'year') ?? today().year();
  const targets = useTargets(orgId, year);
  const save = useSaveTargets();
  // Edits not yet saved, per district; cleared when the org or year changes.
  const [draft, setDraft] = useState<{ key: string; values: Draft }>({ key: '', values: {} });
  const draftKey = `${orgId}:${year}`;
  const edits = draft.key === draftKey ? draft.values : {};
  const canManage = targets.data?.canManage ?? false;

  const valueOf = (item: Item, key: MeasureKey) => (key in (edits[item.districtId] ?? {}) ? edits[item.districtId][key] : item.target?.[key]);
  const edit = (districtId: number, key: MeasureKey, value: number | null) =>
    setDraft({ key: draftKey, values: { ...edits, [districtId]: { ...edits[districtId], [key]: value ?? undefined } } });

  const changed = (targets.data?.items ?? []).filter((item) => {
    const d = edits[item.districtId];
    return d && !same(item.target, { ...item.target, ...d });
  });
  useUnsavedGuard(changed.length > 0);

  const submit = async () => {
    if (!orgId || changed.length === 0) return;
    try {
      await save.mutateAsync({
        orgId,
        year,
        items: changed.map((item) => ({
          districtId: item.districtId,
          newUnions: valueOf(item, 'newUnions') ?? 0,
          newMembers: valueOf(item, 'newMembers') ?? 0,
          newFormMembers: valueOf(item, 'newFormMembers') ?? 0,
        })),
      });
      setDraft({ key: draftKey, values: {} });
      message.success(`已保存 ${changed.length} 个单位的目标任务`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<Item> = [
    { key: 'name', title: targets.data?.org.districtLabel ?? '单位', dataIndex: 'districtName', width: 220 },
    ...MEASURES.map((m) => ({
      key: m.key,
      title: `${m.label}（${m.unit}）`,
      width: 170,
      render: (_: unknown, item: Item) =>
        canManage ? (
          <InputNumber
            min={0}
            max={10_000_000}
            precision={0}
            placeholder="未设定"
            value={valueOf(item, m.key) ?? null}
            onChange={(value) => edit(item.districtId, m.key, value)}
            data-testid={`target-${item.districtId}-${m.key}`}
            style={{ width: 130 }}
          />
        ) : (
          (item.target?.[m.key] ?? <span className="lx-muted">未设定</span>)
        ),
    })),
    { key: 'setBy', title: '设定人', dataIndex: 'setByName', render: (name: string | null) => name ?? '—' },
    { key: 'updatedAt', title: '更新时间', dataIndex: 'updatedAt', render: formatDateTime },
  ];

  return (
    <Card
      title="目标任务"
      extra={
        canManage && (
          <Button type="primary" icon={<SaveOutlined />} disabled={changed.length === 0} loading={save.isPending} onClick={submit} data-testid="targets-save">
            保存{changed.length ? `（${changed.length}）` : ''}
          </Button>
        )
      }
    >
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <OrgField orgId={orgId} onChange={setOrgId} />
        <Form.Item label="年度" style={{ marginBottom: 0 }}>
          <InputNumber min={2000} max={2100} value={year} onChange={(value) => value && update({ year: value })} data-testid="targets-year" />
        </Form.Item>
      </Flex>
      {targets.data?.own ? (
        <OwnTarget org={targets.data.org} year={year} own={targets.data.own} />
      ) : (
        <Flex vertical gap={12}>
          {/* Said once the org is known: a town's own target replaces the table. */}
          {targets.data && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              为下辖各{targets.data.org.districtLabel}设定 {year} 年建会入会目标：新建工会、新发展会员、新就业形态劳动者入会。某项填 0 或不填表示该项不考核，不计入完成率。
            </Typography.Paragraph>
          )}
          {targets.data && !canManage && <Alert type="info" showIcon title="您可以查看目标任务；设定目标需由上级工会工作人员办理。" />}
          <ErrorAlert error={targets.error} />
          <Table<Item>
            rowKey="districtId"
            columns={columns}
            dataSource={targets.data?.items}
            loading={targets.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="targets-table"
          />
        </Flex>
      )}
    </Card>
  );
}

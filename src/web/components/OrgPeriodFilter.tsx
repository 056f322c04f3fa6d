import { DatePicker, Flex, Form } from 'antd';
import { DATE_FORMAT, dayjs } from '../lib/time';
import type { UrlChanges } from '../lib/useUrlParams';
import { OrgTreeSelect } from './OrgTreeSelect';

/**
 * The org and period of a report, kept in the address (`orgId`, `from`, `to`): `shown` is what the
 * server settled on (the actor's own org and this year by default), `orgId` what the address asks for.
 */
export function OrgPeriodFilter({
  shown,
  orgId,
  periodLabel,
  update,
  testIdPrefix,
}: {
  shown: { orgId: number; orgName: string; from: string; to: string } | undefined;
  orgId: number | undefined;
  periodLabel: string;
  update: (changes: UrlChanges) => void;
  testIdPrefix: string;
}) {
  return (
    <Flex gap={16} wrap style={{ marginBottom: 16 }}>
      <Form.Item label="组织" style={{ marginBottom: 0 }}>
        <OrgTreeSelect value={shown?.orgId ?? orgId ?? null} valueLabel={shown?.orgName} onChange={(id) => update({ orgId: id ?? null })} style={{ width: 260 }} data-testid={`${testIdPrefix}-org`} />
      </Form.Item>
      <Form.Item label={periodLabel} style={{ marginBottom: 0 }}>
        <DatePicker.RangePicker
          allowClear={false}
          value={shown ? [dayjs(shown.from), dayjs(shown.to)] : null}
          onChange={(range) => range?.[0] && range[1] && update({ from: range[0].format(DATE_FORMAT), to: range[1].format(DATE_FORMAT) })}
          data-testid={`${testIdPrefix}-period`}
        />
      </Form.Item>
    </Flex>
  );
}

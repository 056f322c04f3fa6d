import { Col, Row, Table, Typography } from 'antd';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) =>
  value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 1);

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function diffRows(before: Json, after: Json): DiffRow[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({
    field,
    before: before[field],
    after: after[field],
    changed: JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  }));
}

const valueCell = (value: unknown) => <span className="lx-diff-value">{show(value)}</span>;

/** A record, or its absence (before a create, after a delete). */
const asRecord = (value: unknown): Json | null | false =>
  value === null || value === undefined ? null : isRecord(value) ? value : false;

function Side({ label, value }: { label: string; value: unknown }) {
  return (
    <Col span={12}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <pre className="lx-diff-value">{show(value)}</pre>
    </Col>
  );
}

/**
 * An audit record's state before and after, side by side. Records are
 * compared field by field with changed fields highlighted; anything else is
 * shown whole.
 */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const [from, to] = [asRecord(before), asRecord(after)];
  if (from === false || to === false || (from === null && to === null)) {
    return (
      <Row gutter={12}>
        <Side label="修改前" value={before} />
        <Side label="修改后" value={after} />
      </Row>
    );
  }
  return (
    <Table<DiffRow>
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={diffRows(from ?? {}, to ?? {})}
      rowClassName={(row) => (row.changed ? 'lx-diff-changed' : '')}
      columns={[
        { key: 'field', title: '字段', dataIndex: 'field', width: 140 },
        { key: 'before', title: '修改前', dataIndex: 'before', render: valueCell },
        { key: 'after', title: '修改后', dataIndex: 'after', render: valueCell },
      ]}
    />
  );
}

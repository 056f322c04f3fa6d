import { SearchOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Drawer, Empty, Flex, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { type Key, type ReactNode, useState } from 'react';
import type { ListTotal, PageMaybeCounted, PageParams } from '../lib/api';
import { DATE_FORMAT, dayjs } from '../lib/time';
import { intParam, type UrlChanges, useUrlParams } from '../lib/useUrlParams';
import { type BulkOutcome, BulkOutcomeAlert } from './BulkActions';
import { ColumnSettings, useHiddenColumns } from './ColumnSettings';
import { ErrorAlert } from './ErrorAlert';
import { OrgTreeSelect } from './OrgTreeSelect';
import { usePhone, useResponsiveTable } from './ResponsiveTable';

/** One control of a list's search form, bound to one query-string key (two for a date range). */
export type FilterField<K extends string> =
  | { kind: 'text'; key: K; label: string; placeholder?: string }
  | { kind: 'select'; key: K; label: string; options: { value: string; label: string }[]; /** Applies while the URL says nothing. */ defaultValue?: string; /** For long option names. */ width?: number }
  | { kind: 'org'; key: K; label: string }
  /** On: `key=true`; off: absent. */
  | { kind: 'checkbox'; key: K; label: string }
  | { kind: 'dateRange'; keys: readonly [from: K, to: K]; label: string };

type FormValue = string | number | boolean | [Dayjs, Dayjs] | null | undefined;

const DEFAULT_PAGE_SIZE = 20;

const fieldName = (field: FilterField<string>): string => (field.kind === 'dateRange' ? field.keys[0] : field.key);

function toFormValue<K extends string>(field: FilterField<K>, params: URLSearchParams): FormValue {
  switch (field.kind) {
    case 'dateRange': {
      const [from, to] = field.keys.map((key) => params.get(key));
      return from && to ? [dayjs(from), dayjs(to)] : undefined;
    }
    case 'org':
      return intParam(params, field.key) ?? undefined;
    case 'checkbox':
      return params.get(field.key) === 'true';
    case 'select':
      return params.get(field.key) ?? field.defaultValue;
    default:
      return params.get(field.key) ?? undefined;
  }
}

function toUrlChanges<K extends string>(field: FilterField<K>, value: FormValue): UrlChanges {
  if (field.kind === 'dateRange') {
    const range = Array.isArray(value) ? value : null;
    return { [field.keys[0]]: range?.[0].format(DATE_FORMAT), [field.keys[1]]: range?.[1].format(DATE_FORMAT) };
  }
  if (field.kind === 'checkbox') return { [field.key]: value ? 'true' : null };
  // The default needs no place in the URL; clearing a select with a default brings the default back.
  if (field.kind === 'select' && field.defaultValue !== undefined && value === field.defaultValue) return { [field.key]: null };
  // Only date ranges hold a tuple.
  const single = value as Exclude<FormValue, [Dayjs, Dayjs] | boolean>;
  return { [field.key]: typeof single === 'string' ? single.trim() : single };
}

/**
 * A list's filters and page, read from and written to the query string.
 * `params` goes straight to the module's list query.
 */
export function useListParams<K extends string>(filters: readonly FilterField<K>[]) {
  const [urlParams, update] = useUrlParams();
  const page = intParam(urlParams, 'page') ?? 1;
  const pageSize = intParam(urlParams, 'pageSize') ?? DEFAULT_PAGE_SIZE;

  const keys = filters.flatMap((field) => (field.kind === 'dateRange' ? [...field.keys] : [field.key]));
  const defaults = Object.fromEntries(filters.flatMap((field) => (field.kind === 'select' && field.defaultValue !== undefined ? [[field.key, field.defaultValue]] : [])));
  const values = Object.fromEntries(
    keys.flatMap((key) => {
      const value = urlParams.get(key) ?? defaults[key];
      return value ? [[key, value]] : [];
    }),
  ) as Partial<Record<K, string>>;
  /** `name` or `-name`, set by clicking a sortable column's header. */
  const sort = urlParams.get('sort') ?? undefined;

  return {
    filters,
    params: { ...values, ...(sort ? { sort } : {}), page, pageSize } as Partial<Record<K, string>> & PageParams & { sort?: string },
    formValues: Object.fromEntries(filters.map((field) => [fieldName(field), toFormValue(field, urlParams)])),
    /** Changes only when the filters do, so the form can be rebuilt on back/forward navigation. */
    filterSignature: JSON.stringify(values),
    /** The user chose a filter (defaults aside): an empty list then means "none match", not "none yet". */
    filtered: keys.some((key) => urlParams.get(key) !== null),
    /** A new search starts again at page 1. */
    search: (formValues: Record<string, FormValue>) =>
      update({
        ...Object.assign({}, ...filters.map((field) => toUrlChanges(field, formValues[fieldName(field)]))),
        page: null,
      }),
    reset: () => update({ ...Object.fromEntries(keys.map((key) => [key, null])), page: null }),
    sort,
    setSort: (next: string | null) => update({ sort: next, page: null }),
    setPage: (next: number, nextPageSize: number) =>
      update({
        page: nextPageSize === pageSize ? next : null,
        pageSize: nextPageSize === DEFAULT_PAGE_SIZE ? null : nextPageSize,
      }),
    page,
    pageSize,
  };
}

export type ListParamsState<K extends string> = ReturnType<typeof useListParams<K>>;

/**
 * A plain function, not a component: Form.Item hands value and onChange to the element it wraps.
 * `width` is the control's on a desk; on a phone every control fills its line.
 */
function filterControl(field: FilterField<string>, phone: boolean) {
  const width = (desk: number) => (phone ? '100%' : desk);
  switch (field.kind) {
    case 'text':
      return <Input allowClear placeholder={field.placeholder} style={{ width: width(200) }} data-testid={`filter-${field.key}`} />;
    case 'select':
      // Long lists (the log's actions) are searched by their Chinese label.
      return <Select allowClear showSearch={field.options.length > 10 ? { optionFilterProp: 'label' } : false} placeholder="全部" options={field.options} style={{ width: width(field.width ?? 140) }} data-testid={`filter-${field.key}`} />;
    case 'org':
      return <OrgTreeSelect allowClear placeholder="全部组织" style={{ width: width(240) }} data-testid={`filter-${field.key}`} />;
    case 'checkbox':
      return <Checkbox data-testid={`filter-${field.key}`}>{field.label}</Checkbox>;
    case 'dateRange':
      return <DatePicker.RangePicker style={phone ? { width: '100%' } : undefined} />;
  }
}

/** On a desk the filters run along a line and wrap; on a phone they stand one to a line, their labels aligned. */
function FilterForm<K extends string>({ list }: { list: ListParamsState<K> }) {
  const phone = usePhone();
  return (
    <Form
      key={list.filterSignature}
      layout="inline"
      initialValues={list.formValues}
      onFinish={list.search}
      labelCol={phone ? { flex: '0 0 5em' } : undefined}
      wrapperCol={phone ? { flex: '1 1 0' } : undefined}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      {list.filters.map((field) => (
        <Form.Item
          key={fieldName(field)}
          name={fieldName(field)}
          label={field.kind === 'checkbox' ? undefined : field.label}
          valuePropName={field.kind === 'checkbox' ? 'checked' : undefined}
          style={phone ? { width: '100%', marginInlineEnd: 0 } : undefined}
        >
          {filterControl(field, phone)}
        </Form.Item>
      ))}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="list-search">
            查询
          </Button>
          <Button onClick={list.reset}>重置</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

export interface ListDetail<T> {
  title: (record: T) => ReactNode;
  /** `close` shuts the drawer, e.g. once an action has moved the record out of the list. */
  render: (record: T, close: () => void) => ReactNode;
  /** E.g. to mark a notification read. */
  onOpen?: (record: T) => void;
  width?: number;
}

/** Rows chosen with the checkboxes and what may be done to them together (批量). */
export interface ListSelection<T> {
  /** The toolbar's buttons for the selected rows; `report` shows each row's outcome above the table. */
  actions: (rows: T[], report: (outcome: BulkOutcome) => void) => ReactNode;
}

interface ListPageProps<T, K extends string> {
  title: ReactNode;
  list: ListParamsState<K>;
  query: UseQueryResult<PageMaybeCounted<T>>;
  /** The list's count, for a page that came without one (`total: null`). */
  count?: UseQueryResult<ListTotal>;
  columns: TableColumnsType<T>;
  rowKey: (record: T) => Key;
  /** Toolbar buttons, e.g. 新建. */
  extra?: ReactNode;
  /** Above the search form, e.g. tabs or an explanation. */
  header?: ReactNode;
  emptyText: string;
  /** What the list is for and what to do first, shown instead of `emptyText` while no filter is chosen. */
  emptyHint?: ReactNode;
  detail: ListDetail<T>;
  selection?: ListSelection<T>;
  /** Names the table's column settings, kept per user in this browser (ColumnSettings). */
  tableId: string;
  /** The columns a phone shows, stacked in one cell, the first as the row's heading (useResponsiveTable); by default the first three. */
  phoneColumns?: readonly string[];
}

/**
 * The list-page pattern (DESIGN §4): a search form over a server-paginated
 * table; a row opens its record in a drawer. Filters and page live in the URL.
 */
export function ListPage<T extends object, K extends string>({
  title,
  list,
  query,
  count,
  columns,
  rowKey,
  extra,
  header,
  emptyText,
  emptyHint,
  detail,
  selection,
  tableId,
  phoneColumns,
}: ListPageProps<T, K>) {
  const [selected, setSelected] = useState<T | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [checked, setChecked] = useState<T[]>([]);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [hidden, setHidden] = useHiddenColumns(tableId);

  // Show the row as it is now: actions in the drawer refresh the list.
  const current = selected && (query.data?.items.find((r) => rowKey(r) === rowKey(selected)) ?? selected);

  const open = (record: T) => {
    setSelected(record);
    setDrawerOpen(true);
    detail.onOpen?.(record);
  };

  // Sortable columns (`sorter: true`) sort on the server by their key; the URL says which and which way.
  const sortField = list.sort?.replace(/^-/, '');
  const sortable = columns.map((column) =>
    column.sorter && column.key !== undefined
      ? { ...column, sortOrder: column.key === sortField ? (list.sort?.startsWith('-') ? ('descend' as const) : ('ascend' as const)) : null }
      : column,
  );

  const withDetailLink: TableColumnsType<T> = [
    ...sortable.filter((column) => column.key === undefined || !hidden.includes(String(column.key))),
    {
      key: 'detail',
      title: '操作',
      fixed: 'right',
      width: 72,
      // No handler of its own: the click bubbles to the row. It gives keyboard users a way in.
      render: () => (
        <Button type="link" size="small">
          详情
        </Button>
      ),
    },
  ];
  // On a phone the row itself is the way in: 详情 goes with the other columns the stack leaves out.
  const table = useResponsiveTable(withDetailLink, phoneColumns);

  // A page without its count (a broad search) pages on while the count comes: one page more when this one is full.
  const items = query.data?.items ?? [];
  const counted = query.data && query.data.total === null ? count?.data : query.data;
  const total = counted?.total ?? (list.page - 1) * list.pageSize + items.length + (items.length === list.pageSize ? 1 : 0);
  const totalText = (n: number) => {
    if (!counted) return count?.isError ? '总数未能统计' : '正在统计总数…';
    return counted.totalCapped ? `共 ${n.toLocaleString('zh-CN')}+ 条` : `共 ${n} 条`;
  };

  const report = (next: BulkOutcome) => {
    setOutcome(next);
    setChecked([]);
  };

  return (
    <Card
      title={title}
      extra={
        <Space>
          {extra}
          <ColumnSettings columns={columns} hidden={hidden} onChange={setHidden} />
        </Space>
      }
    >
      {header}
      <FilterForm list={list} />
      <ErrorAlert error={query.error} />
      {outcome && <BulkOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      {selection && checked.length > 0 && (
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }} data-testid="bulk-bar">
          <span>已选 {checked.length} 条</span>
          {selection.actions(checked, report)}
          <Button type="link" onClick={() => setChecked([])}>
            取消选择
          </Button>
        </Flex>
      )}
      <Table<T>
        rowKey={rowKey}
        {...table}
        dataSource={query.data?.items}
        loading={query.isFetching}
        // Middle rows: the register's columns then fit a 1366×768 screen without sideways scrolling.
        size="middle"
        rowSelection={
          selection && {
            selectedRowKeys: checked.map(rowKey),
            onChange: (_keys, rows) => setChecked(rows),
            columnWidth: 40,
            fixed: 'left',
          }
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={!list.filtered && emptyHint ? emptyHint : emptyText} /> }}
        onRow={(record) => ({
          // A click on a row's checkbox selects it; anywhere else opens it.
          onClick: (event) => {
            if (!(event.target as HTMLElement).closest('.ant-table-selection-column')) open(record);
          },
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total,
          showSizeChanger: true,
          // A capped count: more rows match than the list counts (and pages through); filters narrow it.
          showTotal: totalText,
        }}
        onChange={(pagination, _filters, sorter, { action }) => {
          if (action === 'sort') {
            // One sortable column at a time: never an array.
            const { columnKey, order } = sorter as { columnKey?: Key; order?: 'ascend' | 'descend' | null };
            list.setSort(order && columnKey !== undefined ? `${order === 'descend' ? '-' : ''}${String(columnKey)}` : null);
          } else {
            list.setPage(pagination.current ?? 1, pagination.pageSize ?? list.pageSize);
          }
        }}
      />
      <Drawer
        open={drawerOpen}
        size={detail.width ?? 560}
        title={current && detail.title(current)}
        onClose={() => setDrawerOpen(false)}
      >
        {current && detail.render(current, () => setDrawerOpen(false))}
      </Drawer>
    </Card>
  );
}

import { Grid, type TableColumnsType, type TableColumnType, type TableProps } from 'antd';
import type { ReactNode } from 'react';

type Column<T> = TableColumnType<T>;

/** A rendered cell may come as `{ children, props }` (antd's RenderedCell); only its content goes into a stack. */
const contentOf = (rendered: unknown): ReactNode =>
  rendered !== null && typeof rendered === 'object' && 'children' in rendered && 'props' in rendered ? (rendered.children as ReactNode) : (rendered as ReactNode);

/** What a column shows for a record, as antd's table computes it: the value at `dataIndex` (the record without one) through `render`. */
function cellOf<T>(column: Column<T>, record: T, index: number): ReactNode {
  // A key or a path of keys; antd's type spells out every path of T.
  const path = column.dataIndex === undefined || column.dataIndex === '' ? [] : ([column.dataIndex].flat() as (string | number)[]);
  const value = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | null | undefined)?.[key], record);
  return column.render ? contentOf(column.render(value, record, index)) : (value as ReactNode);
}

const titleOf = <T,>(column: Column<T>) => (typeof column.title === 'function' ? null : column.title);

/** The columns named in `keys` (by default the first three) stacked in one cell: the first as the row's heading, each other one on its own line after its title. */
function stackedColumn<T>(columns: TableColumnsType<T>, keys: readonly string[] | undefined): Column<T> | null {
  const leaves = columns.filter((column): column is Column<T> => !('children' in column));
  const [heading, ...lines] = keys ? keys.flatMap((key) => leaves.filter((column) => column.key === key)) : leaves.slice(0, 3);
  if (!heading) return null;
  return {
    key: 'phone',
    title: titleOf(heading),
    render: (_, record, index) => (
      <div className="lx-phone-cell">
        <div className="lx-phone-cell-heading">{cellOf(heading, record, index)}</div>
        {lines.map((column) => (
          <div key={String(column.key)}>
            <span className="lx-muted">{titleOf(column)}</span> {cellOf(column, record, index)}
          </div>
        ))}
      </div>
    ),
  };
}

/** A phone's screen (below antd's `sm`, 576 px): where the console stacks what a desk lays side by side. */
export const usePhone = () => Grid.useBreakpoint().xs ?? false;

/**
 * A table's width for the screen it is on. On a laptop or a desk (antd's `lg`, 992 px, and up) the table is as
 * wide as its box: long text wraps (a header and a pinned column keep to one line, styles.css) and it scrolls
 * sideways in its box only when its columns cannot fit even so; antd's `x: 'max-content'` would keep every
 * cell on one line and push the last columns under a pinned 操作 on a 1366-pixel screen. Narrower, where many
 * columns could only fit squeezed to a character or two a line, the cells keep to one line and the table
 * scrolls sideways in its box.
 */
export function useTableWidth(): Pick<TableProps, 'scroll' | 'tableLayout'> {
  const desk = Grid.useBreakpoint().lg ?? true;
  return desk ? { scroll: { x: '100%' }, tableLayout: 'auto' } : { scroll: { x: 'max-content' } };
}

/**
 * A table's columns and width for the screen it is on. On a phone (below antd's `sm`, 576 px) the columns named
 * in `phoneKeys` stack into one cell a row (see stackedColumn) and the rest are left out (the row's detail has
 * them), so the list reads without scrolling sideways; wider, the columns as given (useTableWidth).
 */
export function useResponsiveTable<T>(columns: TableColumnsType<T>, phoneKeys?: readonly string[]): Pick<TableProps<T>, 'columns' | 'scroll' | 'tableLayout'> {
  const phone = usePhone();
  const width = useTableWidth();
  const stacked = phone ? stackedColumn(columns, phoneKeys) : null;
  return stacked ? { columns: [stacked] } : { columns, ...width };
}

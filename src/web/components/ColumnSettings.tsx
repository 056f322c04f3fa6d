import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, type TableColumnsType, Tooltip } from 'antd';
import { useState } from 'react';
import { useAuth } from '../app/auth';

const storageKey = (userId: number, tableId: string) => `lianxin:columns:${userId}:${tableId}`;

function readHidden(key: string | null): string[] {
  if (!key) return [];
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The columns a user hid in a table, kept in this browser per user and table (a setting of how one works,
 * not data anyone else needs).
 */
export function useHiddenColumns(tableId: string): [string[], (hidden: string[]) => void] {
  const { me } = useAuth();
  const key = me ? storageKey(me.id, tableId) : null;
  const [state, setState] = useState<{ key: string | null; hidden: string[] }>(() => ({ key, hidden: readHidden(key) }));
  // Another user signing in in the same tab reads their own settings.
  const hidden = state.key === key ? state.hidden : readHidden(key);
  const set = (next: string[]) => {
    if (key) localStorage.setItem(key, JSON.stringify(next));
    setState({ key, hidden: next });
  };
  return [hidden, set];
}

/** 列设置: show or hide each column; the first column (what names the row) always stays. */
export function ColumnSettings<T>({ columns, hidden, onChange }: { columns: TableColumnsType<T>; hidden: string[]; onChange: (hidden: string[]) => void }) {
  const choosable = columns.slice(1).filter((c) => c.key !== undefined && typeof c.title === 'string');
  const content = (
    <Flex vertical gap={4} data-testid="column-settings">
      {choosable.map((c) => {
        const key = String(c.key);
        return (
          <Checkbox key={key} checked={!hidden.includes(key)} onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== key) : [...hidden, key])}>
            {c.title as string}
          </Checkbox>
        );
      })}
      {hidden.length > 0 && (
        <Button size="small" type="link" onClick={() => onChange([])} style={{ paddingInline: 0, alignSelf: 'flex-start' }}>
          显示全部列
        </Button>
      )}
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title="显示的列" content={content}>
      <Tooltip title="列设置">
        <Button icon={<SettingOutlined />} aria-label="列设置" data-testid="column-settings-button" />
      </Tooltip>
    </Popover>
  );
}

import { Space } from 'antd';
import { type BulkOutcome, useBulkReport } from '../../components/BulkActions';
import { ConfirmButton } from '../../components/ConfirmButton';
import type { User } from './api';
import { useSetUsersActive } from './hooks';

const CHOICES = [
  { active: true, label: '启用', danger: false },
  { active: false, label: '停用', danger: true },
] as const;

/** 批量启用/停用 for the selected accounts: asked first, then each account's outcome above the list. */
export function UserBulkActions({ rows, report }: { rows: User[]; report: (outcome: BulkOutcome) => void }) {
  const setActive = useSetUsersActive();
  const reportBulk = useBulkReport();
  return (
    <Space>
      {CHOICES.map(({ active, label, danger }) => (
        <ConfirmButton
          key={label}
          size="small"
          danger={danger}
          title={`确定${label}所选 ${rows.length} 个账号？`}
          description={active ? undefined : '停用后这些账号立即下线，不能再登录。'}
          okText={label}
          data-testid={`users-bulk-${active ? 'enable' : 'disable'}`}
          onConfirm={async () => {
            const results = await setActive.mutateAsync({ ids: rows.map((u) => u.id), active });
            reportBulk(label, rows, (u) => u.id, (u) => `${u.displayName}（${u.username}）`, results, report);
          }}
        >
          {label}
        </ConfirmButton>
      ))}
    </Space>
  );
}

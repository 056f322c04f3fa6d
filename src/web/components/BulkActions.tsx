import { Alert, App, Flex, Typography } from 'antd';
import type { z } from 'zod';
import type { bulkResults } from '../../server/http/schemas';
import { type AllowedAction, WorkflowActions } from './WorkflowActions';

/** One record's outcome of a bulk action (server: eachAlone in platform/errors.ts). */
export type BulkResult = z.input<typeof bulkResults>['results'][number];

/** What a bulk action did, row by row, for the list to show above its table. */
export interface BulkOutcome {
  action: string;
  rows: { label: string; result: BulkResult }[];
}

interface BulkActionsProps<T> {
  rows: T[];
  idOf: (row: T) => number;
  labelOf: (row: T) => string;
  /** Each row's allowed actions as the list sends them. */
  actionsOf: (row: T) => AllowedAction[];
  run: (body: { ids: number[]; action: string; input?: Record<string, unknown> }) => Promise<BulkResult[]>;
  report: (outcome: BulkOutcome) => void;
}

/** Says how a bulk action went (a toast) and hands the list each row's outcome, named by the row's label. */
export function useBulkReport() {
  const { message } = App.useApp();
  return <T,>(action: string, rows: T[], idOf: (row: T) => number, labelOf: (row: T) => string, results: BulkResult[], report: (outcome: BulkOutcome) => void) => {
    const label = new Map(rows.map((row) => [idOf(row), labelOf(row)]));
    const refused = results.filter((r) => !r.ok).length;
    if (refused) message.warning(`${results.length - refused} 条已办理，${refused} 条未办理`);
    else message.success(`已办理 ${results.length} 条`);
    report({ action, rows: results.map((result) => ({ label: label.get(result.id) ?? String(result.id), result })) });
  };
}

/**
 * The workflow's buttons for the selected rows: every action some selected row allows (its form and warning
 * as the server describes them), always asked first, sent for every selected row. The server takes each row
 * alone and says for each whether it was done or why not, and the list shows that row by row: a row that
 * changed meanwhile is refused with its reason, the others are done.
 */
export function BulkActions<T>({ rows, idOf, labelOf, actionsOf, run, report }: BulkActionsProps<T>) {
  const reportBulk = useBulkReport();
  const offered = new Map<string, AllowedAction>();
  for (const row of rows) for (const action of actionsOf(row)) if (!offered.has(action.action)) offered.set(action.action, action);
  const act = async (code: string, input?: Record<string, unknown>) => {
    const results = await run({ ids: rows.map(idOf), action: code, ...(input === undefined ? {} : { input }) });
    reportBulk(offered.get(code)?.label ?? code, rows, idOf, labelOf, results, report);
  };
  return <WorkflowActions actions={[...offered.values()]} onAct={act} subject={`所选 ${rows.length} 条`} size="small" confirmAll silent />;
}

/** A bulk action's outcome above the list: how many were done, and each row with its result or the reason it was refused. */
export function BulkOutcomeAlert({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const refused = outcome.rows.filter((r) => !r.result.ok).length;
  return (
    <Alert
      data-testid="bulk-outcome"
      type={refused ? 'warning' : 'success'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      title={`批量${outcome.action}：${outcome.rows.length - refused} 条已办理${refused ? `，${refused} 条未办理` : ''}`}
      description={
        <Flex vertical gap={2}>
          {outcome.rows.map(({ label, result }) => (
            <span key={result.id} data-testid={`bulk-result-${result.id}`}>
              {label}：{result.ok ? <Typography.Text type="success">已办理</Typography.Text> : <Typography.Text type="danger">{result.message}</Typography.Text>}
            </span>
          ))}
        </Flex>
      }
    />
  );
}

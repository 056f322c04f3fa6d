import { Grid, Steps } from 'antd';
import { useWorkflowStates } from '../../components/StateTag';
import type { Proposal } from './api';
import { useProposalsMeta } from './hooks';
import { WORKFLOW } from './shared';

/**
 * 五步闭环 (线上提交—小组审议—办理落实—执行督查—总结反馈) with where the
 * proposal stands: the steps and their states come from the server (meta's
 * `loop`), the state's tone says whether it ended early (撤回, 不予立案, 并案).
 */
export function LoopSteps({ proposal: p, compact = false }: { proposal: Pick<Proposal, 'state' | 'stateLabel'>; compact?: boolean }) {
  const loop = useProposalsMeta().data?.loop;
  const state = useWorkflowStates(WORKFLOW).data?.states.find((s) => s.state === p.state);
  const narrow = !(Grid.useBreakpoint().sm ?? true);
  if (!loop || !state) return null;
  const current = loop.findIndex((step) => step.states.includes(p.state));
  const done = state.terminal && state.tone === 'good';
  const stopped = state.terminal && !done;
  return (
    <Steps
      size="small"
      type={compact ? 'dot' : undefined}
      // A card's dots stay in one row even on a phone, their labels under them; the page's steps stack there.
      responsive={!compact}
      titlePlacement={compact ? 'vertical' : undefined}
      orientation={narrow && !compact ? 'vertical' : 'horizontal'}
      current={current}
      status={stopped ? 'error' : done ? 'finish' : 'process'}
      data-testid="proposal-loop"
      items={loop.map((step, i) => ({ title: compact ? step.short : step.label, content: i === current && !compact ? p.stateLabel : undefined }))}
    />
  );
}

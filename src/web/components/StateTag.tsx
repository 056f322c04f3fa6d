import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import type { z } from 'zod';
import type { workflowStates } from '../../server/platform/workflow/routes';
import { api } from '../lib/api';

export type WorkflowStates = z.input<typeof workflowStates>;
export type WorkflowState = WorkflowStates['states'][number];

/** A workflow's states, their labels, tones and flags, as the server declares them (fetched once per session). */
export const useWorkflowStates = (workflow: string) =>
  useQuery({ queryKey: ['workflow-states', workflow], queryFn: () => api.get<WorkflowStates>(`/api/workflows/${workflow}`), staleTime: Infinity });

/** The state's declared meaning for the person concerned, in antd's colours. */
const TONE_COLORS: Record<WorkflowState['tone'], string> = {
  good: 'green',
  waiting: 'processing',
  caution: 'gold',
  ended: 'default',
  refused: 'red',
  moved: 'blue',
};

/** A record's state as a tag: its label (sent with the record) in its workflow's tone. */
export function StateTag({ workflow, state, label }: { workflow: string; state: string; label: string }) {
  const tone = useWorkflowStates(workflow).data?.states.find((s) => s.state === state)?.tone;
  return (
    <Tag color={tone ? TONE_COLORS[tone] : 'default'} data-testid="state-tag">
      {label}
    </Tag>
  );
}

/** A list's state filter: one option per state of the workflow, in its order. */
export const stateOptions = (states: WorkflowStates | undefined) => states?.states.map((s) => ({ value: s.state, label: s.label })) ?? [];

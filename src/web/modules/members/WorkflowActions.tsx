import { type ComponentProps } from 'react';
import { WorkflowActions } from '../../components/WorkflowActions';
import { type ActionTarget, useAct } from './hooks';

/** The registry's records (memberships, applications, transfers) moved by the generic workflow buttons. */
export function MemberActions({ target, id, ...props }: { target: ActionTarget; id: number } & Omit<ComponentProps<typeof WorkflowActions>, 'onAct'>) {
  const act = useAct(target);
  return <WorkflowActions {...props} onAct={(action, input) => act.mutateAsync({ id, action, ...(input === undefined ? {} : { input }) })} />;
}

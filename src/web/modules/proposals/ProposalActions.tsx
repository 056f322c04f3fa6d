import { useState } from 'react';
import { StateTag, useWorkflowStates } from '../../components/StateTag';
import { type FieldChoices, WorkflowActions } from '../../components/WorkflowActions';
import type { ProposalDetail, ReferenceField } from './api';
import { useActOnProposal, useHandlerUnits, useReviewGroups, useSimilarProposals } from './hooks';
import { serialOf, WORKFLOW } from './shared';

/** The names of the fields the allowed actions ask for: the choices are fetched only for the actions on offer. */
const fieldsAsked = (p: ProposalDetail) =>
  new Set(p.allowedActions.flatMap((a) => Object.keys((a.input as { properties?: Record<string, unknown> } | null)?.properties ?? {})));

/** 交办: the units registered where the proposal may go (at its union or above). */
function useUnitChoices(p: ProposalDetail, asked: boolean): FieldChoices {
  const units = useHandlerUnits({ proposalId: p.id }, asked);
  return {
    options: (units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.kindLabel}）` })),
    loading: units.isFetching,
    empty: '没有可交办的承办单位，请先在「承办单位」中登记',
  };
}

/** 提交小组审议: the active groups of the proposal's union or above it. */
function useReviewGroupChoices(p: ProposalDetail, asked: boolean): FieldChoices {
  const groups = useReviewGroups({ proposalId: p.id }, asked);
  return {
    options: (groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name}（${g.members.length} 人，法定人数 ${g.quorum}）` })),
    loading: groups.isFetching,
    empty: '没有可审议本提案的小组：可不选，由工会直接决定；或先在「职代会与审议小组」中设立',
  };
}

/** 并案: proposals like this one that may take it in (the workflow's `mergeTarget` states), or found by what the user types. */
function useMergeChoices(p: ProposalDetail, asked: boolean): FieldChoices {
  const [text, setText] = useState('');
  const similar = useSimilarProposals(asked ? text || p.title : '');
  const targets = new Set(useWorkflowStates(WORKFLOW).data?.states.filter((s) => s.flags.includes('mergeTarget')).map((s) => s.state));
  return {
    options: (similar.data ?? [])
      .filter((s) => s.id !== p.id && targets.has(s.state))
      .map((s) => ({
        value: s.id,
        label: (
          <span>
            {serialOf(s)} {s.title} <StateTag workflow={WORKFLOW} state={s.state} label={s.stateLabel} />
          </span>
        ),
      })),
    loading: similar.isFetching,
    onSearch: setText,
    empty: '输入标题或内容中的词语查找要并入的提案',
  };
}

/** The proposal's allowed actions, through the one workflow component; the page adds only the choices for fields naming other records. */
export function ProposalActions({ proposal: p, onDone }: { proposal: ProposalDetail; onDone?: () => void }) {
  const act = useActOnProposal();
  const asked = fieldsAsked(p);
  const units = useUnitChoices(p, asked.has('leadHandlerId' satisfies ReferenceField) || asked.has('coHandlerIds' satisfies ReferenceField));
  const merge = useMergeChoices(p, asked.has('intoId' satisfies ReferenceField));
  const reviewGroups = useReviewGroupChoices(p, asked.has('reviewGroupId' satisfies ReferenceField));
  const choices: Partial<Record<ReferenceField, FieldChoices>> = { leadHandlerId: units, coHandlerIds: units, intoId: merge, reviewGroupId: reviewGroups };

  return (
    <WorkflowActions
      actions={p.allowedActions}
      subject={`${serialOf(p)} ${p.title}`}
      choices={choices}
      onDone={onDone}
      onAct={(action, input) => act.mutateAsync({ id: p.id, action, ...(input === undefined ? {} : { input }) })}
    />
  );
}

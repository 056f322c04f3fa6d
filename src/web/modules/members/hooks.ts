import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import type { PageParams } from '../../lib/api';
import {
  type ActionBody,
  actOnApplication,
  addMember,
  actOnMember,
  actOnTransfer,
  BULK_ACT,
  countMembers,
  type ApplicationListParams,
  commitImport,
  type DeemedListParams,
  fetchImport,
  fetchMember,
  fetchMembersMeta,
  type ImportOutcome,
  listApplications,
  listDeemedCandidates,
  listImportRows,
  listImports,
  listMembers,
  listTransfers,
  type MemberListParams,
  requestTransfer,
  revealResidentId,
  type TransferListParams,
  uploadRoster,
} from './api';

/** Members, applications, transfers and imports change one another: one key prefix for all. */
const MEMBERS = ['members'] as const;

export const useMembersMeta = () => useQuery({ queryKey: [...MEMBERS, 'meta'], queryFn: fetchMembersMeta, staleTime: Infinity });

export const useMembers = (params: MemberListParams) =>
  useQuery({ queryKey: [...MEMBERS, 'list', params], queryFn: () => listMembers(params), placeholderData: keepPreviousData });

/** The list's count, asked only when its page came without one; keyed by the filters, so paging and sorting do not count again. */
export function useMemberCount(params: MemberListParams, needed: boolean) {
  const { page: _page, pageSize: _pageSize, sort: _sort, ...filters } = params;
  return useQuery({ queryKey: [...MEMBERS, 'count', filters], queryFn: needed ? () => countMembers(filters) : skipToken });
}

export const useMember = (id: number | null) => useQuery({ queryKey: [...MEMBERS, 'detail', id], queryFn: id ? () => fetchMember(id) : skipToken });

export const useApplications = (params: ApplicationListParams) =>
  useQuery({ queryKey: [...MEMBERS, 'applications', params], queryFn: () => listApplications(params), placeholderData: keepPreviousData });

export const useTransfers = (params: TransferListParams) =>
  useQuery({ queryKey: [...MEMBERS, 'transfers', params], queryFn: () => listTransfers(params), placeholderData: keepPreviousData });

export const useDeemedCandidates = (params: DeemedListParams) =>
  useQuery({ queryKey: [...MEMBERS, 'deemed', params], queryFn: () => listDeemedCandidates(params), placeholderData: keepPreviousData });

/** A write about members: every members list and detail is refetched before it settles. */
function useMembersMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: MEMBERS }) });
}

export type ActionTarget = 'member' | 'application' | 'transfer';

const ACT = { member: actOnMember, application: actOnApplication, transfer: actOnTransfer } as const;

/** Fires a workflow action on a membership, an application or a transfer. */
export const useAct = (target: ActionTarget) => useMembersMutation(({ id, ...body }: ActionBody & { id: number }) => ACT[target](id, body));

/** Fires one action on each of several records (批量), a result per record. */
export const useBulkAct = (target: ActionTarget) => useMembersMutation(BULK_ACT[target]);

/** Not cached: each look is a separate, audited act. */
export const useRevealId = () => useMutation({ mutationFn: revealResidentId });

export const useRequestTransfer = () => useMembersMutation(requestTransfer);

export const useAddMember = () => useMembersMutation(addMember);

export const useImports = (params: PageParams) =>
  useQuery({ queryKey: [...MEMBERS, 'imports', params], queryFn: () => listImports(params), placeholderData: keepPreviousData });

/** An import being read or committed is polled until it settles. */
export const useImport = (id: number | null) =>
  useQuery({
    queryKey: [...MEMBERS, 'import', id],
    queryFn: id ? () => fetchImport(id) : skipToken,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'uploaded' || state === 'committing' ? 1000 : false;
    },
  });

export const useImportRows = (id: number, params: PageParams & { outcome?: ImportOutcome }) =>
  useQuery({
    queryKey: [...MEMBERS, 'import-rows', id, params],
    queryFn: () => listImportRows(id, params),
    placeholderData: keepPreviousData,
  });

export function useUploadRoster() {
  const { csrfToken } = useAuth();
  return useMembersMutation(({ orgId, file }: { orgId: number; file: File }) => uploadRoster(orgId, file, csrfToken));
}

export const useCommitImport = () => useMembersMutation(commitImport);

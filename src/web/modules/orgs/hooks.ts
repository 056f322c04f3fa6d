import { keepPreviousData, queryOptions, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createOrg,
  fetchDivisions,
  fetchOrg,
  fetchOrgChildren,
  fetchOrgTypes,
  moveOrg,
  type NewOrg,
  type OrgChanges,
  type OrgDetail,
  type OrgSearchParams,
  searchOrgs,
  setOrgActive,
  updateOrg,
} from './api';

const ORGS = ['orgs'] as const;

/** How many hits a search-as-you-type picker shows; more means the user should type more. */
const PICKER_HITS = 20;

export const orgQueries = {
  types: () =>
    queryOptions({ queryKey: [...ORGS, 'types'], queryFn: () => fetchOrgTypes().then((r) => r.items), staleTime: Infinity }),
  // Plain objects rather than queryOptions(): lazy trees take them as generic level queries.
  children: (parentId: number | null) => ({
    queryKey: [...ORGS, 'children', parentId],
    queryFn: () => fetchOrgChildren(parentId).then((r) => r.items),
  }),
  matches: (q: string) => ({
    queryKey: [...ORGS, 'matches', q],
    queryFn: () => searchOrgs({ q, page: 1, pageSize: PICKER_HITS }).then((r) => r.items),
  }),
  detail: (id: number) => queryOptions({ queryKey: [...ORGS, 'detail', id], queryFn: () => fetchOrg(id) }),
};

/** GB/T 2260 divisions do not change while the app runs. */
export const divisionQueries = {
  children: (parentCode: string | null) => ({
    queryKey: ['divisions', 'children', parentCode],
    queryFn: () => fetchDivisions({ parentCode: parentCode ?? undefined }).then((r) => r.items),
    staleTime: Infinity,
  }),
  matches: (q: string) => ({
    queryKey: ['divisions', 'matches', q],
    queryFn: () => fetchDivisions({ q }).then((r) => r.items),
    staleTime: Infinity,
  }),
};

export const useOrgTypes = () => useQuery(orgQueries.types());

export const useOrg = (id: number | null) =>
  useQuery({ queryKey: [...ORGS, 'detail', id], queryFn: id == null ? skipToken : () => fetchOrg(id) });

/** The search results list; no query while the box is empty. */
export const useOrgSearch = (params: OrgSearchParams) =>
  useQuery({
    queryKey: [...ORGS, 'search', params],
    queryFn: params.q ? () => searchOrgs(params) : skipToken,
    placeholderData: keepPreviousData,
  });

/** Every org write returns the fresh detail; the tree, lists and other details may all have changed. */
function useOrgMutation<V>(mutationFn: (variables: V) => Promise<OrgDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (org) => {
      queryClient.setQueryData(orgQueries.detail(org.id).queryKey, org);
      return queryClient.invalidateQueries({ queryKey: ORGS });
    },
  });
}

export const useCreateOrg = () => useOrgMutation((input: NewOrg) => createOrg(input));

export const useUpdateOrg = () =>
  useOrgMutation(({ id, ...input }: OrgChanges & { id: number }) => updateOrg(id, input));

export const useMoveOrg = () =>
  useOrgMutation(({ id, newParentId, version }: { id: number; newParentId: number; version: number }) =>
    moveOrg(id, newParentId, version),
  );

export const useSetOrgActive = () =>
  useOrgMutation(({ id, action, version }: { id: number; action: 'deactivate' | 'reactivate'; version: number }) =>
    setOrgActive(id, action, version),
  );

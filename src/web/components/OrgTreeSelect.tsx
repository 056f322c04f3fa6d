import { useQueryClient } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useCallback } from 'react';
import type { OrgNode, OrgSearchHit } from '../modules/orgs/api';
import { orgQueries } from '../modules/orgs/hooks';
import { LazyTreeSelect, type LazyTreeSelectProps } from './LazyTreeSelect';
import type { NodeInfo } from './useLazyTree';

type OrgTreeSelectProps = Pick<
  LazyTreeSelectProps<OrgNode, number, OrgSearchHit>,
  'value' | 'onChange' | 'valueLabel' | 'placeholder' | 'disabled' | 'allowClear' | 'style' | 'id' | 'data-testid'
> & {
  /** Path of an org whose subtree may not be chosen, e.g. when moving that org. */
  excludeSubtree?: string;
};

const isWithin = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/** Picks an org of the user's scope: browse the tree level by level or search by name, pinyin or credit code. */
export function OrgTreeSelect({ excludeSubtree, placeholder = '选择组织', ...props }: OrgTreeSelectProps) {
  const queryClient = useQueryClient();
  const locate = useCallback(
    async (id: number) => {
      const org = await queryClient.fetchQuery(orgQueries.detail(id));
      return { label: org.name, path: org.ancestors.map((a) => a.id) };
    },
    [queryClient],
  );

  const describe = useCallback(
    (org: OrgNode): NodeInfo<number> => ({
      key: org.id,
      title: org.name,
      label: org.name,
      isLeaf: !org.hasChildren,
      disabled: excludeSubtree !== undefined && isWithin(org.path, excludeSubtree),
    }),
    [excludeSubtree],
  );

  // Many unions share a name: a hit shows where it sits.
  const describeMatch = useCallback(
    (org: OrgSearchHit) => ({
      ...describe(org),
      title: (
        <>
          {org.name}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {org.ancestors.map((a) => a.name).join(' / ')}
          </Typography.Text>
        </>
      ),
    }),
    [describe],
  );

  return (
    <LazyTreeSelect<OrgNode, number, OrgSearchHit>
      {...props}
      placeholder={placeholder}
      childrenQuery={orgQueries.children}
      matchesQuery={orgQueries.matches}
      describe={describe}
      describeMatch={describeMatch}
      locate={locate}
    />
  );
}

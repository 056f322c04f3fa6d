import { Empty, Spin, Tag, Tree } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type NodeInfo, useLazyTree } from '../../components/useLazyTree';
import type { OrgNode, OrgRef } from './api';
import { orgQueries } from './hooks';

interface OrgTreeProps {
  selectedId: number | null;
  /** Ancestors of the selected org, root first: the branch to open so it can be seen. */
  selectedPath: OrgRef[];
  onSelect: (id: number) => void;
}

const describe = (org: OrgNode): NodeInfo<number> => ({
  key: org.id,
  title: org.name,
  label: org.name,
  isLeaf: !org.hasChildren,
});

function OrgTitle({ org }: { org: OrgNode }) {
  return (
    <span data-testid="org-tree-node" data-org-id={org.id}>
      {org.name}
      {!org.active && (
        <Tag variant="filled" style={{ marginInlineStart: 8 }}>
          已停用
        </Tag>
      )}
    </span>
  );
}

/** The user's part of the union tree, loaded a level at a time. */
export function OrgTree({ selectedId, selectedPath, onSelect }: OrgTreeProps) {
  // Opens the branch down to the selected org after a search hit or a deep link.
  const tree = useLazyTree({ childrenQuery: orgQueries.children, describe, reveal: selectedPath.map((a) => a.id) });

  if (tree.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (tree.error) return <ErrorAlert error={tree.error} />;
  if (tree.treeData.length === 0) return <Empty description="您的管理范围内暂无组织" />;

  return (
    <Tree
      blockNode
      showLine
      treeData={tree.treeData}
      loadData={(node) => tree.loadChildren(node.key)}
      expandedKeys={tree.expandedKeys}
      onExpand={(keys) => tree.setExpandedKeys(keys as number[])}
      selectedKeys={selectedId === null ? [] : [selectedId]}
      onSelect={(_, { node }) => onSelect(node.key)}
      titleRender={(node) => <OrgTitle org={node.item} />}
    />
  );
}

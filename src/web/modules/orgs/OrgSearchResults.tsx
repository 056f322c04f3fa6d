import { Empty, Flex, Pagination, Spin, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOrgSearch } from './hooks';

interface OrgSearchResultsProps {
  q: string;
  page: number;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onPageChange: (page: number) => void;
}

const PAGE_SIZE = 20;

/** Orgs matching the search box — by name, pinyin, initials or credit code — each with its place in the tree. */
export function OrgSearchResults({ q, page, selectedId, onSelect, onPageChange }: OrgSearchResultsProps) {
  const search = useOrgSearch({ q, page, pageSize: PAGE_SIZE });

  if (search.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (search.error) return <ErrorAlert error={search.error} />;
  const { items, total } = search.data;
  if (total === 0) return <Empty description={`没有找到与「${q}」匹配的组织`} />;

  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">共找到 {total} 个组织</Typography.Text>
      <ul className="lx-org-hits" data-testid="org-search-results">
        {items.map((org) => (
          <li key={org.id}>
            <button
              type="button"
              className="lx-org-hit"
              aria-current={org.id === selectedId}
              data-testid="org-search-result"
              data-org-id={org.id}
              onClick={() => onSelect(org.id)}
            >
              <span className="lx-org-hit-name">
                {org.name}
                {!org.active && (
                  <Tag variant="filled" style={{ marginInlineStart: 8 }}>
                    已停用
                  </Tag>
                )}
              </span>
              <Typography.Text type="secondary" className="lx-org-hit-path">
                {[...org.ancestors.map((a) => a.name), org.typeLabel].join(' / ')}
              </Typography.Text>
            </button>
          </li>
        ))}
      </ul>
      {total > PAGE_SIZE && (
        <Pagination simple size="small" current={page} pageSize={PAGE_SIZE} total={total} onChange={onPageChange} />
      )}
    </Flex>
  );
}

import { SearchOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Input, Row } from 'antd';
import { useState } from 'react';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { OrgDetail } from './OrgDetail';
import { OrgSearchResults } from './OrgSearchResults';
import { OrgTree } from './OrgTree';
import { useOrg } from './hooks';

/** Searches as the user types, without a request per keystroke. */
function OrgSearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const searchLater = useDebouncedCallback(onSearch);

  // Follow the URL when it changes under the box, e.g. a notification linking to an org.
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    if (value !== text.trim()) setText(value);
  }

  return (
    <Input
      data-testid="org-search"
      allowClear
      prefix={<SearchOutlined />}
      placeholder="搜索名称、拼音首字母或信用代码"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        searchLater(e.target.value.trim());
      }}
      onPressEnter={() => onSearch(text.trim())}
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * The org tree on the left (or search hits while searching), the chosen org
 * on the right. `?q=`, `?page=` and `?id=` keep the view across reloads and
 * let notifications link straight to an org.
 */
export function OrgTreePage() {
  const [params, update] = useUrlParams();
  const q = params.get('q') ?? '';
  const page = intParam(params, 'page') ?? 1;
  const selectedId = intParam(params, 'id');
  const selected = useOrg(selectedId);

  const select = (id: number) => update({ id });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xxl={7}>
        <Card title="组织架构" styles={{ body: { paddingTop: 12 } }}>
          <OrgSearchBox value={q} onSearch={(next) => update({ q: next, page: null })} />
          {q ? (
            <OrgSearchResults
              q={q}
              page={page}
              selectedId={selectedId}
              onSelect={select}
              onPageChange={(next) => update({ page: next })}
            />
          ) : (
            <OrgTree selectedId={selectedId} selectedPath={selected.data?.ancestors ?? []} onSelect={select} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        {selectedId === null ? (
          <Card>
            <Empty description="在左侧选择或搜索一个组织，查看其详情" />
          </Card>
        ) : (
          <OrgDetail id={selectedId} onSelect={select} />
        )}
      </Col>
    </Row>
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Grid, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { RequestThread } from './RequestThread';

/** A request on its own page, where notifications lead; back to the list the user works from. */
export function RequestPage() {
  const { can } = useAuth();
  // A phone keeps its narrow width for the thread, not the card's padding.
  const wide = Grid.useBreakpoint().md ?? true;
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
  const back = can('directLine.ask') ? { to: '/direct-line/mine', label: '我的诉求' } : { to: '/direct-line', label: '群众诉求' };
  return (
    <Card
      title="诉求详情"
      extra={
        <Link to={back.to} data-testid="request-back">
          <ArrowLeftOutlined /> 返回{back.label}
        </Link>
      }
      size={wide ? 'default' : 'small'}
      style={{ maxWidth: 760 }}
    >
      <RequestThread id={id} />
    </Card>
  );
}

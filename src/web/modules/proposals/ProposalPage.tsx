import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Grid, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ProposalDetail } from './ProposalDetail';

/** A proposal on its own page, where notifications and links lead; back to the list the user works from. */
export function ProposalPage() {
  const { can } = useAuth();
  // A phone keeps its narrow width for the proposal, not the card's padding.
  const wide = Grid.useBreakpoint().md ?? true;
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
  const back = can('proposals.read')
    ? { to: '/proposals', label: '提案管理' }
    : can('proposals.handle')
      ? { to: '/proposals/assigned', label: '待我办理' }
      : can('proposals.follow')
        ? { to: '/proposals/mine', label: '我的提案' }
        : null;

  return (
    <Card
      title="提案详情"
      extra={
        back && (
          <Link to={back.to} data-testid="proposal-back">
            <ArrowLeftOutlined /> 返回{back.label}
          </Link>
        )
      }
      size={wide ? 'default' : 'small'}
      style={{ maxWidth: 880 }}
    >
      <ProposalDetail id={id} />
    </Card>
  );
}

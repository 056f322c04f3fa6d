import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Grid, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { CaseView } from './CaseView';

/** A case on its own page, where notifications lead; back to the list the user works from. */
export function CasePage() {
  const { can } = useAuth();
  const wide = Grid.useBreakpoint().md ?? true;
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
  const back = can('mediation.apply') ? { to: '/mediation/mine', label: '我的调解' } : { to: '/mediation/cases', label: '调解案件' };
  return (
    <Card
      title="调解案件"
      extra={
        <Link to={back.to} data-testid="case-back">
          <ArrowLeftOutlined /> 返回{back.label}
        </Link>
      }
      size={wide ? 'default' : 'small'}
      style={{ maxWidth: 860 }}
    >
      <CaseView id={id} />
    </Card>
  );
}

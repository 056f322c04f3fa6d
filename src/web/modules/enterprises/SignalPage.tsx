import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { SignalView } from './SignalView';

/** A signal on its own page, where the leaders' notifications of red signals lead. */
export function SignalPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
  return (
    <Card
      title="风险预警"
      extra={
        <Link to="/risk-signals">
          <ArrowLeftOutlined /> 返回风险预警
        </Link>
      }
      style={{ maxWidth: 760 }}
    >
      <SignalView id={id} />
    </Card>
  );
}

import { Button, Result } from 'antd';
import { useEffect } from 'react';

/** The console's 我的会籍 entry: the page itself is the phone app's (/me), which loads without the console. */
export function MyMembershipLink() {
  useEffect(() => window.location.assign('/me'), []);
  return (
    <Result
      status="info"
      title="正在打开我的会籍"
      subTitle="电子会员证、会籍记录、入会申请和会员接转在手机页面上办理。"
      extra={
        <Button type="primary" href="/me">
          打开我的会籍
        </Button>
      }
    />
  );
}

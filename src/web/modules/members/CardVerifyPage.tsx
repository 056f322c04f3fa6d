import { ScanOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Card, Descriptions, Input, Result, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { verifyCard } from './api';
import { tokenFromScan } from './card';

/**
 * 扫码验证: staff check a member's electronic card. The camera opens this page from the QR (`?t=`), or a
 * scanner or a paste fills the field. The server answers only validity, the masked name, the union and 会龄.
 */
export function CardVerifyPage() {
  const [params, setParams] = useSearchParams();
  const verify = useMutation({ mutationFn: (token: string) => verifyCard(token) });
  const fromUrl = params.get('t');

  useEffect(() => {
    if (fromUrl) verify.mutate(fromUrl);
    // Verify once per scanned address; `verify` changes with every call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromUrl]);

  const check = (text: string) => {
    const token = tokenFromScan(text);
    if (!token) return;
    setParams({}, { replace: true });
    verify.mutate(token);
  };

  const answer = verify.data;
  return (
    <Card title="扫码验证电子会员证" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">
        请会员打开“我的会籍”出示电子会员证。用手机扫码会直接打开本页并验证；也可以用扫码枪扫描，或把二维码内容粘贴到下面。二维码 5 分钟内有效。
      </Typography.Paragraph>
      <Input.Search
        data-testid="card-verify-input"
        placeholder="扫描或粘贴会员证二维码"
        enterButton={
          <span data-testid="card-verify-submit">
            <ScanOutlined /> 验证
          </span>
        }
        allowClear
        loading={verify.isPending}
        onSearch={check}
      />
      <div data-testid="card-verify-result" style={{ marginTop: 16 }}>
        {verify.error && <Result status="warning" title="验证未完成" subTitle={verify.error.message} />}
        {answer?.valid === true && (
          <Result
            status="success"
            title="有效会员"
            subTitle="会员证由本系统签发，会籍在册"
            extra={
              <Descriptions column={1} bordered size="small" style={{ textAlign: 'left' }}>
                <Descriptions.Item label="姓名">{answer.name}</Descriptions.Item>
                <Descriptions.Item label="所在工会">{answer.orgName}</Descriptions.Item>
                <Descriptions.Item label="会龄">{answer.years < 1 ? '不满 1 年' : `${answer.years} 年`}</Descriptions.Item>
              </Descriptions>
            }
          />
        )}
        {answer?.valid === false && <Result status="error" title="会员证无效" subTitle={answer.message} />}
      </div>
    </Card>
  );
}

import { Alert, Button, Card, DatePicker, Form, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import { useAddWorkingDays } from './hooks';

/** 「N 个工作日后是哪天」: deadlines in union work are counted in working days. */
export function WorkdayCalculator() {
  const [request, setRequest] = useState<{ from: string; n: number } | null>(null);
  const result = useAddWorkingDays(request);

  return (
    <Card title="工作日计算">
      <Form<{ from: Dayjs; n: number }>
        layout="vertical"
        initialValues={{ from: today(), n: 15 }}
        onFinish={({ from, n }) => setRequest({ from: from.format(DATE_FORMAT), n })}
      >
        <Form.Item name="from" label="起始日期" rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="n" label="工作日数" rules={[{ required: true }]}>
          <InputNumber min={1} max={365} precision={0} suffix="个工作日后" style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={result.isFetching}>
          计算
        </Button>
      </Form>
      {request && result.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={dayjs(result.data).format('YYYY年M月D日 dddd')}
          description={`${request.from} 起 ${request.n} 个工作日后`}
        />
      )}
      {result.error && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={result.error} />
        </div>
      )}
    </Card>
  );
}

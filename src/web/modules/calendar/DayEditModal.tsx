import { Flex, Form, Input, Radio, Typography } from 'antd';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormModal } from '../../components/FormModal';
import { dayjs } from '../../lib/time';
import type { CalendarDay, DayKind } from './api';
import { useRevertCalendarDay, useSetCalendarDay } from './hooks';

interface DayEditModalProps {
  open: boolean;
  /** YYYY-MM-DD */
  date: string;
  /** What the calendar says about the date now, if anything. */
  day: CalendarDay | undefined;
  onClose: () => void;
}

/** Marks a day as holiday or make-up workday, or drops an admin's earlier setting. */
export function DayEditModal({ open, date, day, onClose }: DayEditModalProps) {
  const save = useSetCalendarDay();
  const revert = useRevertCalendarDay();

  return (
    <FormModal<{ kind: DayKind; name: string }>
      open={open}
      width={440}
      title={`设置 ${dayjs(date).format('YYYY年M月D日 dddd')}`}
      initialValues={day ? { kind: day.kind, name: day.name } : { kind: 'holiday' }}
      onSubmit={({ kind, name }) => save.mutateAsync({ date, kind, name: name.trim() })}
      onClose={onClose}
    >
      <Form.Item name="kind" label="这一天">
        <Radio.Group
          options={[
            { value: 'holiday', label: '放假' },
            { value: 'workday', label: '调休上班' },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input placeholder="如：国庆节、国庆节调休" />
      </Form.Item>
      {day?.source === 'admin' && (
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">这一天由管理员设置。</Typography.Text>
          <ConfirmButton
            size="small"
            title="撤销管理员对这一天的设置？"
            successMessage="已恢复"
            onConfirm={async () => {
              await revert.mutateAsync(date);
              onClose();
            }}
          >
            恢复默认
          </ConfirmButton>
        </Flex>
      )}
    </FormModal>
  );
}

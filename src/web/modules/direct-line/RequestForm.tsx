import { Form, Input, Radio, Select } from 'antd';
import { FormModal } from '../../components/FormModal';
import type { NewRequest } from './api';
import { useAddressees, useCreateRequest, useDirectLineMeta } from './hooks';

/** The form's own state: whom (a representative or a union) and the request; the server's names, so its field errors land here. */
type Values = Omit<NewRequest, 'category'> & { to: 'representative' | 'union'; category?: NewRequest['category'] };

/** 提出诉求, on the phone: to a representative of the worker's union (or of one above it), or to the union itself. */
export function NewRequestModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const addressees = useAddressees(open).data;
  const meta = useDirectLineMeta().data;
  const create = useCreateRequest();

  const submit = async ({ to, representativeUserId, orgId, category, ...rest }: Values) => {
    const created = await create.mutateAsync({ ...rest, category: category!, ...(to === 'representative' ? { representativeUserId } : { orgId }) });
    onCreated(created.id);
  };

  return (
    <FormModal<Values> open={open} title="向代表提诉求" okText="发送" initialValues={{ to: 'representative' }} onSubmit={submit} onClose={onClose}>
      <Form.Item name="to" label="向谁提出">
        <Radio.Group optionType="button" options={[{ value: 'representative', label: '找会员代表' }, { value: 'union', label: '找工会' }]} data-testid="request-to" />
      </Form.Item>
      <Form.Item noStyle dependencies={['to']}>
        {({ getFieldValue }) =>
          getFieldValue('to') === 'representative' ? (
            <Form.Item name="representativeUserId" label="会员代表" rules={[{ required: true, message: '请选择会员代表' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择本工会或上级工会的代表"
                loading={!addressees}
                options={addressees?.representatives.map((r) => ({ value: r.userId, label: `${r.name}（${r.orgName}）` }))}
                notFoundContent="暂无会员代表，可以选择「找工会」"
                data-testid="request-representative"
              />
            </Form.Item>
          ) : (
            <Form.Item name="orgId" label="工会" rules={[{ required: true, message: '请选择工会' }]}>
              <Select placeholder="选择工会" loading={!addressees} options={addressees?.unions.map((u) => ({ value: u.id, label: u.name }))} data-testid="request-union" />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
        <Select placeholder="选择类别" options={meta?.categories.map((c) => ({ value: c.code, label: c.label }))} data-testid="request-category" />
      </Form.Item>
      <Form.Item name="subject" label="主题" rules={[{ required: true, message: '请填写主题' }]}>
        <Input maxLength={100} placeholder="一句话说清楚想反映什么" data-testid="request-subject" />
      </Form.Item>
      <Form.Item name="text" label="具体情况" rules={[{ required: true, message: '请填写具体情况' }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount placeholder="在哪里、什么情况、希望怎么解决" data-testid="request-text" />
      </Form.Item>
    </FormModal>
  );
}

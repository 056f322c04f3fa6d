import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT, dayjs } from '../../lib/time';
import type { OrgDetail, OrgFields } from './api';
import { DivisionSelect } from './DivisionSelect';
import { useCreateOrg, useOrgTypes, useUpdateOrg } from './hooks';

export type OrgFormTarget = { mode: 'create'; parent: OrgDetail } | { mode: 'edit'; org: OrgDetail };

interface OrgFormModalProps {
  open: boolean;
  target: OrgFormTarget;
  onClose: () => void;
  onSaved?: (org: OrgDetail) => void;
  onReload?: () => Promise<unknown>;
}

interface OrgFormValues {
  name: string;
  type: string;
  divisionCode?: string | null;
  creditCode?: string;
  foundedOn?: Dayjs | null;
  chairName?: string;
  phone?: string;
  address?: string;
  sortOrder?: number | null;
}

/**
 * Form values as the API wants them. An emptied field is sent as null on edit
 * (to clear it) and left out on create.
 */
function toOrgFields(values: OrgFormValues, empty: null | undefined): OrgFields {
  const text = (value?: string) => value?.trim() || empty;
  return {
    name: values.name.trim(),
    type: values.type,
    divisionCode: values.divisionCode ?? empty,
    creditCode: text(values.creditCode?.toUpperCase()),
    foundedOn: values.foundedOn ? values.foundedOn.format(DATE_FORMAT) : empty,
    chairName: text(values.chairName),
    phone: text(values.phone),
    address: text(values.address),
    sortOrder: values.sortOrder ?? undefined,
  };
}

function initialValues(org: OrgDetail): OrgFormValues {
  return {
    name: org.name,
    type: org.type,
    divisionCode: org.divisionCode,
    creditCode: org.creditCode ?? undefined,
    foundedOn: org.foundedOn ? dayjs(org.foundedOn) : null,
    chairName: org.chairName ?? undefined,
    phone: org.phone ?? undefined,
    address: org.address ?? undefined,
    sortOrder: org.sortOrder,
  };
}

/** Creates a child org or edits one; the server decides which types may go where. */
export function OrgFormModal({ open, target, onClose, onSaved, onReload }: OrgFormModalProps) {
  const types = useOrgTypes();
  const create = useCreateOrg();
  const update = useUpdateOrg();

  const submit = async (values: OrgFormValues) => {
    const saved =
      target.mode === 'create'
        ? await create.mutateAsync({ parentId: target.parent.id, ...toOrgFields(values, undefined) })
        : await update.mutateAsync({ id: target.org.id, version: target.org.version, ...toOrgFields(values, null) });
    onSaved?.(saved);
  };

  return (
    <FormModal<OrgFormValues>
      open={open}
      width={720}
      title={target.mode === 'create' ? `在「${target.parent.name}」下新建组织` : `编辑「${target.org.name}」`}
      okText={target.mode === 'create' ? '创建' : '保存'}
      initialValues={target.mode === 'edit' ? initialValues(target.org) : { sortOrder: 0 }}
      onSubmit={submit}
      onClose={onClose}
      onReload={target.mode === 'edit' ? onReload : undefined}
    >
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input placeholder="如：某某有限公司工会委员会" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="type" label="组织类型" rules={[{ required: true }]}>
            <Select
              loading={types.isPending}
              options={types.data?.map((t) => ({ value: t.code, label: t.label }))}
              placeholder="选择类型"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="divisionCode" label="行政区划">
            <DivisionSelect valueLabel={target.mode === 'edit' ? (target.org.divisionName ?? undefined) : undefined} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            rules={[{ len: 18, message: '统一社会信用代码为 18 位' }]}
          >
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="foundedOn" label="建会日期">
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="chairName" label="工会主席" rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="phone" label="联系电话" rules={[{ max: 20 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="sortOrder" label="排序号" tooltip="同级组织按排序号从小到大排列">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

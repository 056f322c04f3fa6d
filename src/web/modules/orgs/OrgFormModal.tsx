import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT, dayjs } from '../../lib/time';
import { MEMBER_HOLDING_TYPES } from '../members/JoinQrButton';
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
  type: OrgFields['type'];
  divisionCode?: string | null;
  creditCode?: string;
  foundedOn?: Dayjs | null;
  chairName?: string;
  phone?: string;
  address?: string;
  sortOrder?: number | null;
  autoApproveJoins?: boolean;
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
    sortOrder: values.sortOrder ?? 0,
    // Shown only for member-holding unions; any other type does not approve joins by itself.
    autoApproveJoins: values.autoApproveJoins ?? false,
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
    autoApproveJoins: org.autoApproveJoins,
  };
}

/** Creates a child org or edits one; the server decides which types may go where. */
export function OrgFormModal({ open, target, onClose, onSaved, onReload }: OrgFormModalProps) {
  const types = useOrgTypes();
  const create = useCreateOrg();
  const update = useUpdateOrg();

  const submit = async (values: OrgFormValues) => {
    if (target.mode === 'create') {
      const created = await create.mutateAsync({ parentId: target.parent.id, ...toOrgFields(values, undefined) });
      onSaved?.(created);
      return;
    }
    // Only what changed: an untouched save should not bump the version or write an audit entry.
    const { org } = target;
    const before = toOrgFields(initialValues(org), null);
    const after = toOrgFields(values, null);
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof OrgFields)[]).filter((key) => after[key] !== before[key]).map((key) => [key, after[key]]),
    );
    if (Object.keys(changes).length > 0) {
      const saved = await update.mutateAsync({ id: org.id, version: org.version, ...changes });
      onSaved?.(saved);
    }
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
        <Form.Item noStyle shouldUpdate={(prev: OrgFormValues, next: OrgFormValues) => prev.type !== next.type}>
          {({ getFieldValue }) =>
            MEMBER_HOLDING_TYPES.includes(getFieldValue('type')) && (
              <Col xs={24}>
                <Form.Item
                  name="autoApproveJoins"
                  label="自动批准入会"
                  valuePropName="checked"
                  extra="开启后，职工扫码提交的入会申请由系统自动批准，无需工作人员审核。"
                >
                  <Switch data-testid="org-auto-approve" />
                </Form.Item>
              </Col>
            )
          }
        </Form.Item>
      </Row>
    </FormModal>
  );
}

import { App, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMe } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DATE_FORMAT, today } from '../../lib/time';
import { useOrg } from '../orgs/hooks';
import { employmentOf, isNewForm } from './employment';
import type { NewMember } from './api';
import { useAddMember, useMembersMeta } from './hooks';
import { MEMBER_HOLDING_TYPES } from './JoinQrButton';

/** The form's values: the API's, with the date as the picker holds it and the consent box unticked until ticked. */
type AddMemberValues = Omit<NewMember, 'joinedOn' | 'consentOnPaper'> & { joinedOn?: Dayjs; consentOnPaper: boolean };

/** 工作单位 or 所在平台 as fits the chosen employment form (as on the join page). */
function EmploymentFields() {
  const meta = useMembersMeta();
  return (
    <>
      <Form.Item name="employmentForm" label="就业形态" rules={[{ required: true, message: '请选择就业形态' }]}>
        <Select options={meta.data?.employmentForms.filter((f) => f.enabled).map((f) => ({ value: f.code, label: f.label }))} loading={meta.isPending} data-testid="member-add-employment-form" />
      </Form.Item>
      <Form.Item noStyle dependencies={['employmentForm']}>
        {(form) => {
          const employmentForm = form.getFieldValue('employmentForm') as string | undefined;
          const gig = isNewForm(employmentForm);
          return (
            <>
              {gig && (
                <Form.Item name="platformName" label="所在平台" rules={[{ required: true, whitespace: true, message: '请填写所在平台' }, { max: 50 }]}>
                  <Input placeholder="如：美团、饿了么、顺丰、滴滴" maxLength={50} />
                </Form.Item>
              )}
              <Form.Item
                name="employerName"
                label={gig ? '站点或合作单位' : '工作单位'}
                rules={[...(employmentForm === 'standard' ? [{ required: true, whitespace: true, message: '请填写工作单位' }] : []), { max: 100 }]}
              >
                <Input placeholder={gig ? '如：当湖配送站' : '单位全称'} maxLength={100} data-testid="member-add-employer" />
              </Form.Item>
              <Form.Item name="employerCreditCode" label="单位统一社会信用代码" rules={[{ len: 18, message: '统一社会信用代码为 18 位' }]}>
                <Input placeholder="18 位，选填" maxLength={18} />
              </Form.Item>
            </>
          );
        }}
      </Form.Item>
    </>
  );
}

/**
 * 新增会员 (随入随录): enter someone who joined at the union's desk with the
 * paper form. The server checks it as the join page does; its reasons land on
 * the fields.
 */
export function AddMemberModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (membershipId: number) => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const add = useAddMember();
  // Staff of a union that takes members enter them there, most likely.
  const home = useOrg(me.homeOrgId).data;
  const homeUnion = home?.active && MEMBER_HOLDING_TYPES.includes(home.type) ? home.id : undefined;

  return (
    <FormModal<AddMemberValues>
      open={open}
      title="新增会员"
      okText="登记入会"
      width={640}
      initialValues={{ orgId: homeUnion, employmentForm: 'standard' }}
      onClose={onClose}
      // The checkbox's rule let only a ticked box through.
      onSubmit={async ({ orgId, name, residentId, phone, joinedOn, consentOnPaper: _ticked, ...employment }) => {
        const added = await add.mutateAsync({
          orgId,
          name: name.trim(),
          residentId: residentId.trim(),
          phone: phone.trim(),
          ...employmentOf(employment),
          joinedOn: joinedOn?.format(DATE_FORMAT),
          consentOnPaper: true,
        });
        message.success(`已登记入会，会员证号 ${added.cardNo}`);
        onAdded(added.id);
      }}
    >
      <Typography.Paragraph type="secondary">
        职工持纸质入会申请书到工会办理时，在此登记。已是其他工会会员的，无需重新入会，请在“会员接转”中接收。
      </Typography.Paragraph>
      <Form.Item name="orgId" label="加入工会" extra="基层工会、联合工会或平台工会" rules={[{ required: true, message: '请选择加入哪个工会' }]}>
        <OrgTreeSelect placeholder="选择工会" data-testid="member-add-org" />
      </Form.Item>
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 30 }]}>
        <Input placeholder="与身份证一致" maxLength={30} autoComplete="off" data-testid="member-add-name" />
      </Form.Item>
      <Form.Item name="residentId" label="身份证号" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }, { max: 30 }]}>
        <Input placeholder="18 位居民身份证号" maxLength={30} autoComplete="off" data-testid="member-add-resident-id" />
      </Form.Item>
      <Form.Item name="phone" label="手机号" rules={[{ required: true, whitespace: true, message: '请填写手机号' }, { max: 20 }]}>
        <Input placeholder="11 位手机号" maxLength={20} autoComplete="off" data-testid="member-add-phone" />
      </Form.Item>
      <EmploymentFields />
      <Form.Item name="joinedOn" label="入会日期" extra="工会批准入会的日期，不填为今天">
        <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(today(), 'day')} data-testid="member-add-joined-on" />
      </Form.Item>
      <Form.Item name="consentOnPaper" valuePropName="checked" rules={[{ required: true, type: 'enum', enum: [true], message: '须确认本人已签字同意个人信息处理规则' }]}>
        <Checkbox data-testid="member-add-consent">本人已在纸质入会申请书上签字同意个人信息处理规则（含身份证号等敏感个人信息）</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

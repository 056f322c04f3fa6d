import { Form, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useFormErrors } from '../lib/forms';
import { ErrorAlert } from './ErrorAlert';

interface FormModalProps<Values> {
  open: boolean;
  title: ReactNode;
  okText?: string;
  width?: number;
  initialValues?: Partial<Values>;
  /** Resolves when saved (the modal then closes); a rejection is shown on the form. */
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
  /** Re-reads a record that changed under the user (409); the modal then closes to start afresh. */
  onReload?: () => Promise<unknown>;
  children: ReactNode;
}

/**
 * A modal holding one vertical form. Server validation errors land on their
 * fields; other errors show above the form. The form is rebuilt each time the
 * modal opens, so it always starts from `initialValues`.
 */
export function FormModal<Values extends object>({
  open,
  title,
  okText = '保存',
  width = 560,
  initialValues,
  onSubmit,
  onClose,
  onReload,
  children,
}: FormModalProps<Values>) {
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    errors.clear();
    try {
      await onSubmit(values);
      onClose();
    } catch (err) {
      errors.report(err);
    } finally {
      setSaving(false);
    }
  };

  const reload = onReload
    ? async () => {
        await onReload();
        onClose();
      }
    : undefined;

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ loading: saving, htmlType: 'submit' }}
      onCancel={onClose}
      afterClose={errors.clear}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      <ErrorAlert error={errors.error} onReload={reload} />
      {children}
    </Modal>
  );
}

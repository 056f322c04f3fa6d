import { Form, Modal } from 'antd';
import { type ReactNode, useId, useState } from 'react';
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

type BodyProps<Values> = Omit<FormModalProps<Values>, 'open' | 'title' | 'okText' | 'width'> & {
  formId: string;
  onSaving: (saving: boolean) => void;
};

/** Mounted afresh on every opening, so each one starts from `initialValues` with a clean form. */
function FormModalBody<Values extends object>({
  formId,
  initialValues,
  onSubmit,
  onClose,
  onReload,
  onSaving,
  children,
}: BodyProps<Values>) {
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);

  const submit = async (values: Values) => {
    onSaving(true);
    errors.clear();
    try {
      await onSubmit(values);
      onClose();
    } catch (err) {
      errors.report(err);
    } finally {
      onSaving(false);
    }
  };

  const reload = onReload
    ? async () => {
        await onReload();
        onClose();
      }
    : undefined;

  return (
    <>
      <ErrorAlert error={errors.error} onReload={reload} />
      <Form id={formId} form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        {children}
      </Form>
    </>
  );
}

/**
 * A modal holding one vertical form. Server validation errors land on their
 * fields; other errors show above the form.
 */
export function FormModal<Values extends object>({
  open,
  title,
  okText = '保存',
  width = 560,
  ...bodyProps
}: FormModalProps<Values>) {
  const formId = useId();
  const [saving, setSaving] = useState(false);

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      // The footer sits outside the <form>; the `form` attribute still makes OK its submit button.
      okButtonProps={{ htmlType: 'submit', form: formId, loading: saving }}
      onCancel={bodyProps.onClose}
      destroyOnHidden
    >
      <FormModalBody<Values> {...bodyProps} formId={formId} onSaving={setSaving} />
    </Modal>
  );
}

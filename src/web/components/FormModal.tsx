import { App, Form, Modal } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useFormErrors } from '../lib/forms';
import { ErrorAlert } from './ErrorAlert';
import { confirmLeave, useUnsavedGuard } from './UnsavedGuard';

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
  /** The user changed a field. */
  onTouched: () => void;
};

/** Mounted afresh on every opening, so each one starts from `initialValues` with a clean form. */
function FormModalBody<Values extends object>({
  formId,
  initialValues,
  onSubmit,
  onClose,
  onReload,
  onSaving,
  onTouched,
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
      <Form id={formId} form={form} layout="vertical" initialValues={initialValues} onFinish={submit} onValuesChange={onTouched}>
        {children}
      </Form>
    </>
  );
}

/**
 * A modal holding one vertical form. Server validation errors land on their
 * fields; other errors show above the form. Once a field is changed, closing
 * the modal or leaving the page asks first (useUnsavedGuard).
 */
export function FormModal<Values extends object>({
  open,
  title,
  okText = '保存',
  width = 560,
  ...bodyProps
}: FormModalProps<Values>) {
  const { modal } = App.useApp();
  const formId = useId();
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  // Not while saving: a save may itself move on (a new record opens its page).
  useUnsavedGuard(open && touched && !saving);

  const close = () => {
    setTouched(false);
    bodyProps.onClose();
  };
  const cancel = () => (touched ? confirmLeave(modal, close) : close());

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      // The footer sits outside the <form>; the `form` attribute still makes OK its submit button.
      okButtonProps={{ htmlType: 'submit', form: formId, loading: saving }}
      onCancel={cancel}
      destroyOnHidden
    >
      <FormModalBody<Values> {...bodyProps} onClose={close} formId={formId} onSaving={setSaving} onTouched={() => setTouched(true)} />
    </Modal>
  );
}

import { Form, type FormInstance, type FormProps } from 'antd';
import { useState } from 'react';
import { useProblemHandler, type ProblemOptions } from './use-problem';

export interface FormSubmit<Values> {
  form: FormInstance<Values>;
  /** What went wrong as a whole (for <FormAlert>); field errors are already beside their fields. */
  error: string | undefined;
  busy: boolean;
  /** Spread on <Form>: the form, vertical labels, disabled while sending, the submit handler. */
  formProps: Pick<FormProps<Values>, 'form' | 'layout' | 'requiredMark' | 'disabled' | 'onFinish'>;
}

/**
 * A form that sends to the API: disabled while it sends; a problem goes beside its fields or
 * into `error` (useProblemHandler). `submit` throws to report a problem.
 *
 *   const { formProps, error, busy } = useFormSubmit<Values>(async (values) => { await save(values); });
 *   <FormAlert message={error} /><Form {...formProps}>…<Button htmlType="submit" loading={busy} /></Form>
 */
export function useFormSubmit<Values>(submit: (values: Values) => Promise<void>, options: Omit<ProblemOptions, 'form'> = {}): FormSubmit<Values> {
  const [form] = Form.useForm<Values>();
  const handleProblem = useProblemHandler();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await submit(values);
    } catch (problem) {
      setError(handleProblem(problem, { ...options, form }));
    } finally {
      setBusy(false);
    }
  };

  return { form, error, busy, formProps: { form, layout: 'vertical', requiredMark: false, disabled: busy, onFinish } };
}

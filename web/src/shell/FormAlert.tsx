import { Alert } from 'antd';

/** What went wrong with a form as a whole, above it; announced to screen readers (role=alert). */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} role="alert" style={{ marginBottom: 16 }} data-testid="form-alert" />;
}

import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePageTitle } from '../shell/use-page-title';

/** The frame of the signed-out pages: a narrow card with the page's one heading. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Card className="auth-card">
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      {children}
    </Card>
  );
}

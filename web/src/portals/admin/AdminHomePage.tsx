import { PortalPlaceholder } from '../PortalPlaceholder';

/** The admin portal's home (issues 19 and 20 build it on this foundation). */
export function AdminHomePage() {
  return <PortalPlaceholder titleKey="nav.admin" />;
}

import { PortalPlaceholder } from '../PortalPlaceholder';

/** The court portal's home (issues 19 and 20 build it on this foundation). */
export function CourtHomePage() {
  return <PortalPlaceholder titleKey="nav.court" />;
}

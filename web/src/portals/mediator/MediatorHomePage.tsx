import { PortalPlaceholder } from '../PortalPlaceholder';

/** The mediator portal's home (issues 19 and 20 build it on this foundation). */
export function MediatorHomePage() {
  return <PortalPlaceholder titleKey="nav.mediator" />;
}

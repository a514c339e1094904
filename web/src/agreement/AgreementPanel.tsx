import type { RoomPanelProps } from '../room/room-panel';
import { PanelPlaceholder } from '../room/PanelPlaceholder';

export function AgreementPanel(_props: RoomPanelProps) {
  return <PanelPlaceholder />;
}

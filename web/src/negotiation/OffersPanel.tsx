import type { RoomPanelProps } from '../room/room-panel';
import { PanelPlaceholder } from '../room/PanelPlaceholder';

export function OffersPanel(_props: RoomPanelProps) {
  return <PanelPlaceholder />;
}

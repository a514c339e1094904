import type { RoomPanelProps } from '../room/room-panel';
import { PanelPlaceholder } from '../room/PanelPlaceholder';

export function BiddingPanel(_props: RoomPanelProps) {
  return <PanelPlaceholder />;
}

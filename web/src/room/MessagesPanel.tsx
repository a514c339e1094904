import type { RoomPanelProps } from './room-panel';
import { PanelPlaceholder } from './PanelPlaceholder';

export function MessagesPanel(_props: RoomPanelProps) {
  return <PanelPlaceholder />;
}

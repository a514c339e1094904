import type { RoomPanelProps } from './room-panel';
import { PanelPlaceholder } from './PanelPlaceholder';

export function SessionsPanel(_props: RoomPanelProps) {
  return <PanelPlaceholder />;
}

import { existsSync } from 'node:fs';
import { SCREENS_DIR } from './fixtures';

/** Say where the screenshots are. */
export default function globalTeardown(): void {
  if (existsSync(SCREENS_DIR)) console.log(`\nScreenshots of every screen, in both languages: ${SCREENS_DIR}\n`);
}

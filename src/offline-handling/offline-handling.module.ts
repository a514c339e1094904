import { Module } from '@nestjs/common';
import { SwitchStepOffline } from './actions/switch-step-offline.action';
import { OfflineHandlingController } from './offline-handling.controller';

/**
 * Offline handling (docs/procedural-rules.md A1): the HTTP side of switching steps offline. The
 * markers themselves and their recorder (OfflineSteps) are part of the case (src/cases), which
 * service of process reads without depending on this folder.
 */
@Module({
  controllers: [OfflineHandlingController],
  providers: [SwitchStepOffline],
})
export class OfflineHandlingModule {}

import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { join, sep } from 'node:path';

/**
 * The built web app (`npm run build` writes it to dist/web), resolved from the project root so
 * the compiled app (dist/web-app) and the e2e tests (src/web-app) find the same folder.
 */
export const WEB_APP_ROOT = join(__dirname, '..', '..', 'dist', 'web');

/**
 * Serves the web app from the API's own process and origin: no CORS, and the refresh cookie is
 * first-party. Any other path answers index.html, so the app's own routes (and the links in
 * e-mails, `${PUBLIC_URL}/cases/{id}`) open the app; but /api/** and missing /assets/* files
 * keep their 404, a problem+json from the API.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: WEB_APP_ROOT,
      exclude: ['/api/{*path}', '/assets/{*path}'],
      serveStaticOptions: {
        index: false,
        // Files under /assets/ have a content hash in their name: cache them for good. The page
        // itself must be fetched again each time, to pick up a new release.
        setHeaders: (res: Response, path: string) => {
          res.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  ],
})
export class WebAppModule {}

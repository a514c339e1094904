# syntax=docker/dockerfile:1
# Build: compile TypeScript with the dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.migrations.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY web ./web
# Also writes the web app to dist/web, which the API serves at /.
RUN npm run build

# Runtime: production dependencies only, as an unprivileged user.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
# A 16 MB young generation and a 384 MB heap, as `npm run start:api` runs it: without them V8
# sizes both for the machine's memory and lets the API grow past 300 MB (`npm run bench filing`).
ENV NODE_OPTIONS="--max-semi-space-size=16 --max-old-space-size=384"
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# `npm run archive:verify -- FILE.zip` works inside the image too.
COPY scripts/archive-verify.cjs ./scripts/
USER node
EXPOSE 3000
# `api` or `worker`; compose runs one service of each.
ENTRYPOINT ["node", "dist/main.js"]
CMD ["api"]

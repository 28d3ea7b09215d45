# One image for the gateway and the worker; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/gateway/package.json apps/gateway/
COPY apps/worker/package.json apps/worker/
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/
COPY packages/jobs/package.json packages/jobs/
COPY packages/devstack/package.json packages/devstack/
RUN npm install --no-audit --no-fund
COPY . .
USER node
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "apps/gateway/src/main.ts"]

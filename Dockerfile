# syntax=docker/dockerfile:1
# Multi-stage: install, build the dashboard, then run collector + dashboard in one process.

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build
# The standalone collector's bundle (`npm run collector` builds it again at start, into this folder).
RUN node scripts/build-collector.mjs

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
# HOST=0.0.0.0 so published ports reach the server; beyond loopback it requires API keys from the
# first start (it logs a one-time setup token for the first key; see README, API keys). Set
# ALLOWED_HOSTS to the names you browse to besides localhost, TRUST_PROXY=true behind a proxy.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    OTLP_GRPC_PORT=4317 \
    OTLP_HTTP_PORT=4318 \
    DATA_DIR=/data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build --chown=node:node /app/.collector ./.collector
COPY package.json package-lock.json next.config.ts tsconfig.json server.ts ./
COPY app ./app
COPY components ./components
COPY lib ./lib
COPY collector ./collector
COPY migrations ./migrations
COPY scripts ./scripts
# The TypeScript SDK and `npm run demo` (docker compose exec observatory npm run demo).
COPY sdk ./sdk
COPY demo ./demo
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 4317 4318
# node directly (not npm) so SIGTERM reaches the server and it can flush before exiting.
CMD ["node", "--import", "tsx", "server.ts"]

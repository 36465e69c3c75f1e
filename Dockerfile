# syntax=docker/dockerfile:1
# One image for every service; its command picks the service (gateway-web when none is given):
#   docker build -t digital-marketplace:latest .
#   docker run --rm -e PORT=8002 … digital-marketplace:latest node --import @dm/common/tracing-register catalog-service/dist/main.js
# docker-compose.yml and deploy/kubernetes run it that way. The last stage holds only what the
# services need to run: their compiled code and production dependencies. No compiler, no sources,
# no test tools, and none of scripts/, e2e/ or bench/ (embedded PostgreSQL, Playwright, autocannon).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# The workspaces the services are made of; the lockfile still lists the others, npm skips them.
ARG WORKSPACES="contracts common migrations auth-service catalog-service cart-service order-service payment-service notification-service review-service analytics-service gateway-web"
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY contracts/package.json contracts/
COPY common/package.json common/
COPY migrations/package.json migrations/
COPY auth-service/package.json auth-service/
COPY catalog-service/package.json catalog-service/
COPY cart-service/package.json cart-service/
COPY order-service/package.json order-service/
COPY payment-service/package.json payment-service/
COPY notification-service/package.json notification-service/
COPY review-service/package.json review-service/
COPY analytics-service/package.json analytics-service/
COPY gateway-web/package.json gateway-web/
# Everything these workspaces need to compile (the root's TypeScript included), from the lockfile.
RUN npm ci --no-audit --no-fund --include-workspace-root $(printf -- '--workspace=%s ' $WORKSPACES)
COPY . .
RUN node node_modules/typescript/bin/tsc -b $WORKSPACES
# /prod is the application as the last stage copies it: production dependencies only (a second
# install from the same lockfile, out of npm's cache), each workspace's manifest and compiled code
# without tests, declarations and source maps, the gateway's views and static files, and the
# mail templates.
RUN mkdir /prod \
 && cp package.json package-lock.json /prod/ \
 && for ws in $WORKSPACES; do \
      mkdir -p /prod/$ws && cp $ws/package.json /prod/$ws/ && cp -r $ws/dist /prod/$ws/dist; \
    done \
 && cp -r gateway-web/views gateway-web/public /prod/gateway-web/ \
 && cp -r notification-service/templates /prod/notification-service/ \
 && find /prod -path /prod/node_modules -prune -o -type f \
      \( -name '*.test.*' -o -name '*.scale.*' -o -name '*.d.ts' -o -name '*.map' -o -name '.tsbuildinfo' \) -print0 \
    | xargs -0 rm -f \
 && cd /prod \
 && npm ci --omit=dev --no-audit --no-fund --prefer-offline $(printf -- '--workspace=%s ' $WORKSPACES) \
 && rm package-lock.json

FROM ${NODE_IMAGE}
# tini is PID 1: it hands SIGTERM to node (the services shut down gracefully on it) and reaps
# zombies, so the image behaves the same without `docker run --init` (Kubernetes has no such flag).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# Every interface: in a container, the network around it is what keeps the internal services private.
ENV NODE_ENV=production \
    HOST=0.0.0.0
# Memory, as under `npm start` (RUNTIME_ENV in scripts/src/services.ts says why; a test holds them equal).
ENV NODE_OPTIONS=--max-semi-space-size=8 \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1048576
WORKDIR /app
# Root owns the code, so the service cannot rewrite it; only DATA_DIR (mail files outside
# production) is the node user's.
COPY --from=build /prod /app
RUN install -d -o node -g node /app/.data
USER node
EXPOSE 8000 8001 8002 8003 8004 8005 8007
# Liveness on the service's own port: set PORT (compose and the Kubernetes manifests do).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "@dm/common/tracing-register", "gateway-web/dist/main.js"]

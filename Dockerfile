# One image for every service: `docker build --build-arg SERVICE=catalog-service .`
# docker-compose.yml builds it once per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY contracts/package.json contracts/
COPY common/package.json common/
COPY migrations/package.json migrations/
COPY auth-service/package.json auth-service/
COPY catalog-service/package.json catalog-service/
COPY cart-service/package.json cart-service/
COPY order-service/package.json order-service/
COPY payment-service/package.json payment-service/
COPY review-service/package.json review-service/
COPY gateway-web/package.json gateway-web/
COPY scripts/package.json scripts/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN node node_modules/typescript/bin/tsc -b \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ARG SERVICE
# Every interface: in a container, the network around it is what keeps the internal services private.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
# Each service migrates its own database at start-up, then listens.
CMD ["sh", "-c", "exec node \"$SERVICE/dist/main.js\""]

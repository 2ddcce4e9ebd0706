# Carnet — multi-stage image: build the workspace client and compile the server, then run JavaScript with production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:server

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY server ./server
COPY collab ./collab
COPY i18n ./i18n
COPY bin ./bin
COPY --from=build /app/client/dist ./client/dist
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Compiled JavaScript: no TypeScript compiler nor loader in the running server (the admin CLI keeps using the sources).
# A 2 MiB semi-space instead of 16: an instance at rest keeps ~13 MiB less (bench:rest), with no loss seen
# in the burst rate of bench:peer.
CMD ["node", "--max-semi-space-size=2", "dist/server/main.js"]

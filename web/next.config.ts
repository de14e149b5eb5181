import type { NextConfig } from 'next';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: the workspace packages live there, and standalone output traces files from it. */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const config: NextConfig = {
  output: 'standalone',
  outputFileTracingRoot: root,
  turbopack: { root },
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@deltastream/core', '@deltastream/db', '@deltastream/bus', '@deltastream/auth'],
  // Native addons and Node-only libraries stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'ioredis', 'postgres', 'pino', 'prom-client', 'bullmq'],
  poweredByHeader: false,
  // Compression belongs to the edge (nginx in compose, ingress-nginx in Kubernetes): here it would gzip
  // every answer again, tens of kilobytes per chain request, on the server's one event loop.
  compress: false,
  reactStrictMode: true,
};

export default config;

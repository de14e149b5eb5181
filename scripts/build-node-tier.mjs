// Bundles a Node tier for `node dist/<entry>.js`. The workspace packages (@deltastream/*) ship
// TypeScript source, so they are compiled into the bundle; npm dependencies stay external and are
// resolved from node_modules at run time, as installed by `npm ci --omit=dev`.
// Usage (from the tier's folder): node ../scripts/build-node-tier.mjs src/main.ts [src/other-cli.ts ...]
import { build } from 'esbuild';

const WORKSPACE_SCOPE = '@deltastream/';

/** Marks every bare import outside the workspace scope external ('node:' built-ins included). */
const bundleWorkspacePackagesOnly = {
  name: 'bundle-workspace-packages-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith(WORKSPACE_SCOPE) ? undefined : { path: args.path, external: true },
    );
  },
};

const entryPoints = process.argv.slice(2);
if (entryPoints.length === 0) {
  console.error('usage: build-node-tier.mjs <entry.ts> [more entries]');
  process.exit(2);
}

await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [bundleWorkspacePackagesOnly],
  logLevel: 'info',
});

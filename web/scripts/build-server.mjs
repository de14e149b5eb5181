// Bundles src/serve.ts (the production server: Next.js plus the direct routes) into the standalone
// output as `serve.mjs`. The packages the standalone output already carries in its node_modules (Next.js
// and the server-external ones it traced) stay imports; everything else is bundled in.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

const standalone = '.next/standalone';
const carried = readdirSync(`${standalone}/node_modules`).flatMap((name) =>
  name.startsWith('@')
    ? readdirSync(`${standalone}/node_modules/${name}`).map((sub) => `${name}/${sub}`)
    : [name],
);

await build({
  entryPoints: ['src/serve.ts'],
  outfile: `${standalone}/web/serve.mjs`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: carried,
  // Bundled CommonJS modules call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

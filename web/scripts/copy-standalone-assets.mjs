// The standalone output (`.next/standalone/web`) serves only what is inside its folder; Next.js
// leaves the client bundles and public files for the deployment to copy in. Done once here, so
// `npm start -w @deltastream/web` and the container image run the same thing.
import { cpSync, existsSync } from 'node:fs';

const target = '.next/standalone/web';
cpSync('.next/static', `${target}/.next/static`, { recursive: true });
if (existsSync('public')) cpSync('public', `${target}/public`, { recursive: true });

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { renderSampleSession, SAMPLE_SESSION_FILE } from './sample-session';

// Writes feed/fixtures/sample-session.jsonl from the repository's catalogue (see sample-session.ts).
const text = renderSampleSession(loadCatalogueFile());
writeFileSync(SAMPLE_SESSION_FILE, text);
console.warn(`wrote ${text.split('\n').length - 1} lines to ${fileURLToPath(SAMPLE_SESSION_FILE)}`);

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { renderSampleSession, SAMPLE_SESSION_FILE } from './sample-session';

describe('the sample session fixture', () => {
  it('is what the seeded simulator produces (regenerate: npm run fixture:sample -w @deltastream/feed)', () => {
    const recorded = readFileSync(SAMPLE_SESSION_FILE, 'utf8').split('\n');
    const simulated = renderSampleSession(loadCatalogueFile()).split('\n');
    // Compared by line number so a failure names the first line that differs instead of printing both files.
    const firstDifferentLine = simulated.findIndex((line, i) => line !== recorded[i]) + 1;
    expect({ lines: recorded.length, firstDifferentLine }).toEqual({
      lines: simulated.length,
      firstDifferentLine: 0,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-callback';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeCallbackPath', () => {
  it('follows paths of this site, keeping their query and fragment', () => {
    expect(safeCallbackPath('/', ORIGIN)).toBe('/');
    expect(safeCallbackPath('/admin/queues', ORIGIN)).toBe('/admin/queues');
    expect(safeCallbackPath('/settings?tab=tokens#new', ORIGIN)).toBe('/settings?tab=tokens#new');
    expect(safeCallbackPath('settings', ORIGIN)).toBe('/settings');
  });

  it('turns an absolute URL of this very origin into its path', () => {
    expect(safeCallbackPath('http://127.0.0.1:3000/settings', ORIGIN)).toBe('/settings');
  });

  it.each([
    ['/\\evil.example', 'a backslash, which browsers read as a slash'],
    ['/\\\\evil.example', 'two of them'],
    ['//evil.example', 'a protocol-relative URL'],
    ['/\t/evil.example', 'a tab, which URL parsing drops'],
    ['/\n/evil.example', 'a newline, dropped too'],
    ['\\/evil.example', 'a leading backslash'],
    ['/.//evil.example', 'a dot segment that leaves //host behind'],
    ['https://evil.example/path', 'another site'],
    ['http://localhost:3000/', 'the same machine under another name'],
    ['https://127.0.0.1:3000/', 'another scheme'],
    ['javascript:alert(document.cookie)', 'a script URL'],
    ['data:text/html,<script>alert(1)</script>', 'a data URL'],
    ['http://[::1', 'a URL that does not parse'],
  ])('sends %j (%s) to the home page', (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe('/');
  });

  it('sends nothing at all to the home page', () => {
    expect(safeCallbackPath(null, ORIGIN)).toBe('/');
    expect(safeCallbackPath(undefined, ORIGIN)).toBe('/');
    expect(safeCallbackPath('', ORIGIN)).toBe('/');
  });
});

import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-policy';

const allowed = new Set(['http://localhost:3000', 'https://deltastream.example.com']);

describe('origin policy', () => {
  it('lets scripts without an Origin in', () => {
    expect(originAllowed(undefined, 'gateway:8002', allowed)).toBe(true);
  });

  it('lets the configured origins in, exactly', () => {
    expect(originAllowed('http://localhost:3000', 'gateway:8002', allowed)).toBe(true);
    expect(originAllowed('https://deltastream.example.com', 'gateway:8002', allowed)).toBe(true);
    expect(originAllowed('http://localhost:3001', 'gateway:8002', allowed)).toBe(false);
    expect(originAllowed('http://deltastream.example.com', 'gateway:8002', allowed)).toBe(false);
  });

  it('lets the gateway’s own origin in', () => {
    expect(originAllowed('http://127.0.0.1:8002', '127.0.0.1:8002', allowed)).toBe(true);
    expect(originAllowed('https://deltastream.example.com:443', 'deltastream.example.com', allowed)).toBe(
      true,
    );
    expect(originAllowed('http://127.0.0.1:8003', '127.0.0.1:8002', allowed)).toBe(false);
  });

  it('refuses other and malformed origins', () => {
    expect(originAllowed('https://evil.example', 'gateway:8002', allowed)).toBe(false);
    expect(originAllowed('null', 'gateway:8002', allowed)).toBe(false);
    expect(originAllowed('http://evil.example', undefined, allowed)).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import { loadConfig } from '../platform/config.ts';

describe('CORS settings', () => {
  it('allow no origin by default', () => {
    expect(loadConfig({}).cors).toEqual({ origins: [], credentials: false, maxAgeSeconds: 600 });
  });

  it('read a list of exact origins, credentials and max age', () => {
    const { cors } = loadConfig({ CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,', CORS_CREDENTIALS: 'on', CORS_MAX_AGE_SECONDS: '0' });
    expect(cors).toEqual({ origins: ['https://app.example.com', 'http://localhost:5173'], credentials: true, maxAgeSeconds: 0 });
    expect(loadConfig({ CORS_ORIGINS: '*' }).cors.origins).toEqual(['*']);
  });

  it('refuse at start what would never match a browser Origin, or that browsers refuse', () => {
    for (const origin of ['https://app.example.com/', 'app.example.com', 'https://app.example.com/path', 'ftp://files.example.com']) {
      expect(() => loadConfig({ CORS_ORIGINS: origin })).toThrow(`CORS_ORIGINS must list origins like "https://app.example.com" (scheme, host and port only), got "${origin}"`);
    }
    expect(() => loadConfig({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'on' })).toThrow('CORS_CREDENTIALS=on cannot go with CORS_ORIGINS=*');
    expect(() => loadConfig({ CORS_CREDENTIALS: 'yes' })).toThrow('CORS_CREDENTIALS must be "on" or "off"');
    expect(() => loadConfig({ CORS_MAX_AGE_SECONDS: '-1' })).toThrow('CORS_MAX_AGE_SECONDS must be a whole number');
  });
});

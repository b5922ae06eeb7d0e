import { describe, it, expect } from 'vitest';
import { boundedLabel, OTHER } from './registry.ts';
import { loadMetricsSettings } from './settings.ts';
import { routeTemplates } from './http.ts';

describe('bounded labels', () => {
  it('keeps the first names seen, then answers __other__; never an ID, free text or an over-long name', () => {
    const label = boundedLabel(3, 10);
    expect(['A', 'B', 'A', 'C', 'D', 'B'].map(label)).toEqual(['A', 'B', 'A', 'C', OTHER, 'B']);
    const loose = boundedLabel(100, 10);
    expect(loose('has space')).toBe(OTHER);
    expect(loose('x{y="1"}')).toBe(OTHER);
    expect(loose('9starts')).toBe(OTHER);
    expect(loose('')).toBe(OTHER);
    expect(loose('AVeryLongOperationName')).toBe('AVeryLongO');
  });

  it('route templates name a path by its template, never its ID', () => {
    const routeOf = routeTemplates(['/v1/tasks/{id}', '/v1/tasks'], ['/graphql']);
    expect(routeOf('GET', '/v1/tasks/TSK-26-000001')).toBe('/v1/tasks/{id}');
    expect(routeOf('GET', '/v1/tasks/')).toBe('/v1/tasks');
    expect(routeOf('POST', '/graphql')).toBe('/graphql');
    expect(routeOf('GET', '/v1/tasks/TSK-26-000001/extra')).toBe('unmatched');
    expect(routeOf('GET', '/anything')).toBe('unmatched');
  });
});

describe('METRICS settings', () => {
  it('are on, on the service port, without a token by default', () => {
    expect(loadMetricsSettings({})).toEqual({ enabled: true, port: null, token: null });
    expect(loadMetricsSettings({ METRICS: 'off', METRICS_PORT: '9464', METRICS_TOKEN: 'short' })).toEqual({ enabled: false, port: 9464, token: 'short' });
  });

  it('refuse what they cannot mean, and a short token in production', () => {
    expect(() => loadMetricsSettings({ METRICS: 'maybe' })).toThrow('METRICS must be "on" or "off"');
    expect(() => loadMetricsSettings({ METRICS_PORT: '70000' })).toThrow('METRICS_PORT must be an integer port');
    expect(() => loadMetricsSettings({ METRICS_PORT: 'x' })).toThrow('METRICS_PORT must be an integer port');
    expect(() => loadMetricsSettings({ NODE_ENV: 'production', METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN must be at least 16 characters');
    expect(loadMetricsSettings({ NODE_ENV: 'production', METRICS_TOKEN: 'a-long-enough-metrics-token' }).token).toBe('a-long-enough-metrics-token');
  });
});

import type http from 'node:http';
import { describe, it, expect } from 'vitest';
import { clientAddressOf } from './client-address.ts';

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as http.IncomingMessage;

describe('client address', () => {
  it("is the socket's peer unless TRUST_PROXY says whose X-Forwarded-For to believe", () => {
    expect(clientAddressOf(undefined)(request('203.0.113.1', '198.51.100.1'))).toBe('203.0.113.1');
    // One trusted hop: the address the proxy appended, not what the client wrote before it.
    expect(clientAddressOf('1')(request('10.0.0.2', '6.6.6.6, 198.51.100.1'))).toBe('198.51.100.1');
    expect(clientAddressOf('2')(request('10.0.0.2', '6.6.6.6, 198.51.100.1, 10.0.0.3'))).toBe('198.51.100.1');
    const behindPrivate = clientAddressOf('loopback, 10.0.0.0/8');
    expect(behindPrivate(request('10.0.0.2', '198.51.100.1, 10.0.0.3'))).toBe('198.51.100.1');
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(behindPrivate(request('203.0.113.1', '198.51.100.1'))).toBe('203.0.113.1');
  });

  it('refuses a TRUST_PROXY it cannot read, at start', () => {
    expect(() => clientAddressOf('proxy.example.com')).toThrow(/^TRUST_PROXY must be a number of proxies or a list of addresses and subnets, got "proxy.example.com"/);
  });
});

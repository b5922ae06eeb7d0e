import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { unprocessable } from '../../platform/errors.ts';
import type { WebhookSettings } from '../../platform/webhook-settings.ts';

/**
 * Where a webhook may point. An endpoint URL is a customer's server on the public internet: https,
 * no credentials in it, and a host whose addresses are all public unicast ones. Private, loopback,
 * link-local, carrier-grade NAT, multicast and reserved ranges would let anyone with a webhook aim
 * this platform's requests at its own network (SSRF), so they are refused when the endpoint is
 * created and again at every delivery, on the address actually connected to (a name that resolved
 * to a public address at creation may resolve to a private one later: DNS rebinding). The one
 * exception is WEBHOOK_ALLOW_LOOPBACK, a development setting: this machine's own receivers, over
 * http or https.
 */
export const MAX_URL_LENGTH = 2048;

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

/** The URL's host as an address, when it is one ([::1] loses its brackets). */
function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return net.isIP(host) ? host : undefined;
}

function isLoopbackHost(url: URL): boolean {
  const literal = literalAddress(url);
  if (literal) return ipaddr.process(literal).range() === 'loopback';
  return LOOPBACK_NAMES.has(url.hostname.toLowerCase());
}

/** Whether the platform may connect to `address`: public unicast, or loopback when the setting allows it. */
export function addressAllowed(address: string, settings: Pick<WebhookSettings, 'allowLoopback'>): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || (range === 'loopback' && settings.allowLoopback);
}

/**
 * The rules a URL must meet on its face (422 naming `url`): absolute http(s), no user or password,
 * no fragment, at most MAX_URL_LENGTH characters, https unless it names this machine and
 * WEBHOOK_ALLOW_LOOPBACK is on, and no literal address outside the allowed ranges.
 */
export function checkWebhookUrl(raw: string, settings: Pick<WebhookSettings, 'allowLoopback'>): string {
  const text = raw.trim();
  if (text.length === 0) throw unprocessable('url must not be empty.', 'url');
  if (text.length > MAX_URL_LENGTH) throw unprocessable(`url must be at most ${MAX_URL_LENGTH} characters.`, 'url');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw unprocessable(`url must be an absolute https URL, got "${text}".`, 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw unprocessable('url must use https.', 'url');
  if (url.username || url.password) throw unprocessable('url must not carry a user name or password; authenticate with the signature instead.', 'url');
  if (url.hash) throw unprocessable('url must not have a fragment (#...).', 'url');
  const loopback = isLoopbackHost(url);
  if (loopback && !settings.allowLoopback) throw unprocessable('url must not point at this machine (loopback).', 'url');
  if (url.protocol === 'http:' && !loopback) throw unprocessable('url must use https.', 'url');
  const literal = literalAddress(url);
  if (literal && !addressAllowed(literal, settings)) {
    throw unprocessable(`url must point at a public address; ${literal} is ${ipaddr.process(literal).range()}.`, 'url');
  }
  return url.toString();
}

/** How long creation waits for DNS: a name that does not resolve in time is checked at delivery instead. */
const RESOLVE_TIMEOUT_MS = 2_000;

/**
 * At creation, a host name must not resolve to a refused address. A name that does not resolve
 * (yet) is accepted: its deliveries, and the verification ping, fail until it does.
 */
export async function checkResolvedAddresses(url: string, settings: Pick<WebhookSettings, 'allowLoopback'>): Promise<void> {
  const parsed = new URL(url);
  if (literalAddress(parsed)) return;
  const addresses = await Promise.race([
    dns.promises.lookup(parsed.hostname, { all: true, verbatim: true }).catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), RESOLVE_TIMEOUT_MS).unref()),
  ]);
  const refused = addresses.find((a) => !addressAllowed(a.address, settings));
  if (refused) {
    throw unprocessable(`url must point at a public address; ${parsed.hostname} resolves to ${refused.address} (${ipaddr.process(refused.address).range()}).`, 'url');
  }
}

/** What a refused connection fails with: the attempt records it and no request is sent. */
export class RefusedAddress extends Error {
  readonly code = 'EREFUSEDADDRESS';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves as usual and refuses any address outside the allowed
 * ranges: the socket connects only to an address this check has passed, so a name re-pointed at a
 * private address between creation and delivery is caught at the moment of connecting.
 */
export function safeLookup(settings: Pick<WebhookSettings, 'allowLoopback'>) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => !addressAllowed(a.address, settings));
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused.address}, which webhooks may not reach`), []);
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

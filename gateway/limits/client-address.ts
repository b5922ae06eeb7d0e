import type http from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The address a request comes from, for per-address limits: the socket's peer, unless TRUST_PROXY
 * names the proxies in front of the gateway, whose X-Forwarded-For entries are then believed as
 * Express's "trust proxy" does (proxy-addr): a number n trusts the n hops nearest the gateway;
 * otherwise a comma-separated list of addresses, subnets (`10.0.0.0/8`) or proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`) trusts the proxies at those addresses. Without it, a
 * client could claim any address by sending the header itself.
 */
export function clientAddressOf(trustProxy: string | undefined): (req: http.IncomingMessage) => string {
  if (!trustProxy) return (req) => req.socket.remoteAddress ?? 'unknown';
  let trust: (address: string, hop: number) => boolean;
  if (/^\d+$/.test(trustProxy)) {
    const hops = Number(trustProxy);
    trust = (_address, hop) => hop < hops;
  } else {
    try {
      trust = proxyaddr.compile(trustProxy.split(',').map((entry) => entry.trim()).filter(Boolean));
    } catch (error) {
      throw new Error(`TRUST_PROXY must be a number of proxies or a list of addresses and subnets, got "${trustProxy}": ${(error as Error).message}`);
    }
  }
  return (req) => proxyaddr(req, trust);
}

import { BlockList, isIP } from 'node:net';

export interface WebhookUrlPolicy {
  /** WEBHOOK_ALLOW_HTTP_LOOPBACK: a receiver on this machine (tests, development) may be plain http. */
  allowHttpLoopback: boolean;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Addresses a webhook never goes to (SSRF): this network, private networks (RFC 1918, carrier-grade
 * NAT, unique-local IPv6), link-local (cloud metadata services live at 169.254.169.254), loopback,
 * documentation, benchmarking, multicast and reserved ranges.
 */
const notPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv6');
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function unmapped(ip: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  return { address: ip, family: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

export function isLoopbackAddress(ip: string): boolean {
  const { address, family } = unmapped(ip);
  return loopback.check(address, family);
}

/**
 * Why a webhook may not connect to this resolved address, or undefined when it may: public
 * addresses always; loopback only when the policy allows a receiver on this machine.
 */
export function addressProblem(ip: string, policy: WebhookUrlPolicy): string | undefined {
  if (isIP(ip) === 0) return `${ip} is not an IP address`;
  const { address, family } = unmapped(ip);
  if (loopback.check(address, family)) return policy.allowHttpLoopback ? undefined : `${ip} is a loopback address`;
  if (notPublic.check(address, family)) return `${ip} is not a public address`;
  return undefined;
}

const isLoopbackName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');

/**
 * Why `raw` cannot be a webhook's URL, or undefined when it can: an absolute https URL without
 * credentials, whose host, when written as an address, is public; plain http only to loopback,
 * and only when WEBHOOK_ALLOW_HTTP_LOOPBACK is on. A host name is checked again when each delivery
 * resolves it (webhook-sender.ts), so a name that later points inside is refused then.
 */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.username || url.password) return 'url must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopbackHost = isIP(host) ? isLoopbackAddress(host) : isLoopbackName(host);
  if (url.protocol === 'http:') {
    if (policy.allowHttpLoopback && loopbackHost) return undefined;
    return policy.allowHttpLoopback ? 'url must use https (plain http only to this machine: 127.0.0.1, ::1, localhost)' : 'url must use https';
  }
  if (url.protocol !== 'https:') return 'url must use https';
  if (loopbackHost) return policy.allowHttpLoopback ? undefined : 'url must not point to this machine (loopback)';
  if (isIP(host)) {
    const problem = addressProblem(host, policy);
    if (problem) return `url must point to a public address: ${problem}`;
  }
  return undefined;
}

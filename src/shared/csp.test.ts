import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, DEFAULT_TILE_HOSTS, parseTileHosts, tileUrlAllowed } from './csp';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((part) => {
      const [name, ...values] = part.split(' ');
      return [name ?? '', values.join(' ')];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('allows only same-origin script, no inline script or eval', () => {
    const policy = directives(
      buildContentSecurityPolicy({ tileHosts: DEFAULT_TILE_HOSTS, delivery: 'meta' }),
    );
    expect(policy.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'self'");
    expect(policy.get('form-action')).toBe("'none'");
    expect(policy.get('worker-src')).toBe("'self' blob:");
    const header = buildContentSecurityPolicy({ tileHosts: [], delivery: 'header' });
    expect(header).not.toContain(" 'unsafe-eval'");
    expect(header).not.toMatch(/ https:(?!\/)/);
  });

  it('lets tiles come only from the listed hosts, as images and fetches', () => {
    const policy = directives(
      buildContentSecurityPolicy({ tileHosts: ['https://*.tianditu.gov.cn'], delivery: 'meta' }),
    );
    expect(policy.get('img-src')).toBe("'self' data: blob: https://*.tianditu.gov.cn");
    expect(policy.get('connect-src')).toBe("'self' https://*.tianditu.gov.cn");
  });

  it('keeps frame-ancestors for the header only (browsers ignore it in a meta)', () => {
    expect(buildContentSecurityPolicy({ tileHosts: [], delivery: 'meta' })).not.toContain('frame-ancestors');
    expect(buildContentSecurityPolicy({ tileHosts: [], delivery: 'header' })).toContain(
      "frame-ancestors 'none'",
    );
  });

  it('refuses host entries that would widen or break the policy', () => {
    for (const bad of [
      'https:',
      '*',
      "https://a.cn; script-src 'unsafe-inline'",
      'https://a.cn/path',
      'data:',
    ]) {
      expect(() => buildContentSecurityPolicy({ tileHosts: [bad], delivery: 'meta' })).toThrow(/host source/);
    }
  });
});

describe('parseTileHosts', () => {
  it('reads a comma-separated list and falls back to the defaults', () => {
    expect(parseTileHosts(' https://a.example.cn , https://*.b.cn:8443 ')).toEqual([
      'https://a.example.cn',
      'https://*.b.cn:8443',
    ]);
    expect(parseTileHosts('')).toEqual(DEFAULT_TILE_HOSTS);
    expect(parseTileHosts(undefined)).toEqual(DEFAULT_TILE_HOSTS);
  });
});

describe('tileUrlAllowed', () => {
  const hosts = ['https://*.tianditu.gov.cn', 'https://tiles.example.org:8443'];
  it('matches subdomains of a wildcard, exact hosts with their port and scheme', () => {
    expect(
      tileUrlAllowed('https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=k', hosts),
    ).toBe(true);
    expect(tileUrlAllowed('https://tiles.example.org:8443/{z}/{x}/{y}.png', hosts)).toBe(true);
  });
  it('refuses other hosts, look-alikes, other schemes and ports, and non-URLs', () => {
    for (const url of [
      'https://tianditu.gov.cn/{z}/{x}/{y}',
      'https://t0.tianditu.gov.cn.evil.example/{z}',
      'https://evilttianditu.gov.cn/{z}',
      'http://t0.tianditu.gov.cn/{z}/{x}/{y}',
      'https://tiles.example.org/{z}/{x}/{y}.png',
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(tileUrlAllowed(url, hosts), url).toBe(false);
    }
  });
});

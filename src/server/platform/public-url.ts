import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/auth.js';
import { publicBaseUrlSetting, publicUrlFromEnv } from './settings/registry.js';
import type { SettingService } from './settings/service.js';

/**
 * The address the public reaches this server at, for what leaves the screen: join QR codes printed on cards,
 * links in messages. The one home of it: the setting `platform.publicBaseUrl` an administrator sets on
 * 参数设置, until then LIANXIN_PUBLIC_URL (the setting's default). Without either, the address the staff
 * browser used, which may be localhost or the LAN: a printed card would then be dead, so staff are told.
 */
export async function publicBaseUrl(
  settings: Pick<SettingService, 'stored'>,
  request?: Pick<FastifyRequest, 'protocol' | 'host'>,
): Promise<{ url: string; configured: boolean } | null> {
  const configured = (await settings.stored(publicBaseUrlSetting)) ?? publicUrlFromEnv();
  if (configured) return { url: configured, configured: true };
  return request ? { url: `${request.protocol}://${request.host}`, configured: false } : null;
}

/** LIANXIN_PUBLIC_URL, checked at start-up: an absolute http(s) URL without query or fragment, or nothing. */
export function publicUrlIssue(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'LIANXIN_PUBLIC_URL 须以 http:// 或 https:// 开头 must be http(s)';
    if (url.search || url.hash) return 'LIANXIN_PUBLIC_URL 不能带查询参数或 # must have no query or fragment';
    return null;
  } catch {
    return 'LIANXIN_PUBLIC_URL 不是有效的网址 is not a valid URL';
  }
}

const v4 = (host: string) => host.split('.').map(Number);

/**
 * An address a phone on mobile data cannot reach: loopback, private and
 * link-local ranges (IPv4 and IPv6), `localhost`, `.local`/`.lan`/`.internal`
 * names, and single-label intranet names.
 */
export function isPrivateAddress(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  const ip = isIP(host);
  if (ip === 4) {
    const [a, b] = v4(host);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168);
  }
  if (ip === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isPrivateAddress(`http://${mapped[1]}/`);
    return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return host === 'localhost' || /\.(localhost|local|lan|internal|home|corp)$/.test(host) || !host.includes('.');
}

export const publicUrlInfo = z.object({
  url: z.string().describe('对外地址：二维码和消息链接用它'),
  configured: z.boolean().describe('是否已设定（参数设置中的系统访问地址或 LIANXIN_PUBLIC_URL；否则为当前浏览器访问的地址）'),
  private: z.boolean().describe('是否为本机或内网地址（职工手机扫码后打不开）'),
});

/** GET /api/public-url: what the staff pages put in QR codes, and whether it would work from a phone. */
export async function publicUrlRoutes(app: FastifyInstance, deps: { settings: Pick<SettingService, 'stored'> }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/public-url', {
    schema: { tags: ['系统 system'], summary: '对外地址（二维码、消息链接） Public base URL', response: { 200: publicUrlInfo } },
    handler: async (request) => {
      requireActor(request);
      const { url, configured } = (await publicBaseUrl(deps.settings, request))!;
      return { url, configured, private: isPrivateAddress(url) };
    },
  });
}

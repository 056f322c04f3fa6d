/**
 * A User-Agent as a person reads it: 浏览器 and 系统 (`Chrome 131`, `Windows 10/11`). A few rules for what
 * union offices and phones use, in the order that matters (Edge, 360 and QQ browsers and WeChat also say
 * Chrome or Safari; Android also says Linux). Shared by the log pages and the exports; no package, since
 * a log needs the name, not a device database.
 */
const BROWSERS: readonly [name: string, pattern: RegExp][] = [
  ['微信', /MicroMessenger\/([\d.]+)/],
  ['钉钉', /DingTalk\/([\d.]+)/],
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['QQ浏览器', /QQBrowser\/([\d.]+)/],
  ['360浏览器', /(?:QihooBrowser|360SE|360EE)\/?([\d.]*)/],
  ['搜狗浏览器', /(?:SE 2\.X MetaSr|SogouMobileBrowser)\s?([\d.]*)/],
  ['UC浏览器', /UCBrowser\/([\d.]+)/],
  ['Opera', /OPR\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari\//],
  ['IE', /(?:MSIE |Trident\/.*rv:)([\d.]+)/],
];

function system(ua: string): string | null {
  let m: RegExpMatchArray | null;
  if ((m = ua.match(/HarmonyOS[ /]?([\d.]*)/))) return `鸿蒙 ${m[1]}`.trim();
  if ((m = ua.match(/Windows NT ([\d.]+)/))) return `Windows ${{ '10.0': '10/11', '6.3': '8.1', '6.2': '8', '6.1': '7', '6.0': 'Vista', '5.1': 'XP' }[m[1]] ?? m[1]}`;
  if ((m = ua.match(/(?:iPhone|iPad|iPod).*? OS (\d+)[_\d]*/))) return `iOS ${m[1]}`;
  if ((m = ua.match(/Android ([\d.]+)/))) return `Android ${m[1].split('.')[0]}`;
  if ((m = ua.match(/Mac OS X (\d+)[_.](\d+)/))) return `macOS ${m[1]}.${m[2]}`;
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/UOS|Deepin/i.test(ua)) return '统信UOS';
  if (/Kylin/i.test(ua)) return '麒麟';
  if (/Linux/.test(ua)) return 'Linux';
  return null;
}

export interface ReadableUserAgent {
  browser: string | null;
  system: string | null;
  /** `Chrome 131 · Windows 10/11`, or the raw string when nothing is recognised. */
  text: string;
}

export function readUserAgent(ua: string | null | undefined): ReadableUserAgent {
  if (!ua) return { browser: null, system: null, text: '—' };
  let browser: string | null = null;
  for (const [name, pattern] of BROWSERS) {
    const m = ua.match(pattern);
    if (m) {
      const major = m[1]?.split('.')[0];
      browser = major ? `${name} ${major}` : name;
      break;
    }
  }
  const os = system(ua);
  const parts = [browser, os].filter((p): p is string => p !== null);
  return { browser, system: os, text: parts.length > 0 ? parts.join(' · ') : ua.slice(0, 80) };
}

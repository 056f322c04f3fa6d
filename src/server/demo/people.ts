import { computeResidentIdCheckChar } from '../platform/cn-ids.js';
import type { EmploymentForm } from '../modules/members/schema.js';

/**
 * Believable people for the demo, the benches and the tests: names, resident
 * IDs of 平湖 (330482), mobiles and employment as Pinghu's unions have them.
 * Deterministic: the same seed gives the same people.
 */

/** A small seeded PRNG (mulberry32): the same sequence for the same seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The commonest surnames first. */
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建国华红玉萍鹏辉斌宇浩凯晨欣怡思雨佳琪子涵志海东峰春燕琳雪梅婷亮林俊飞波文博丹晓慧颖婉鑫宁雷璐帆阳瑶晶蕾倩楠磊成龙荣翔亚新金琴莉彬';

export const RIDER_PLATFORMS = ['美团外卖', '饿了么'];
export const COURIER_PLATFORMS = ['中通快递', '顺丰速运', '圆通速递', '韵达快递', '申通快递', '京东物流'];
export const TRUCK_PLATFORMS = ['满帮', '货拉拉'];
export const RIDE_PLATFORMS = ['滴滴出行', '曹操出行', 'T3出行'];

/** A name from a large pool, common surnames more often: searches for a name find a realistic handful. */
export function personName(r: () => number) {
  const surname = SURNAMES[Math.floor(SURNAMES.length * r() ** 2)];
  const given = GIVEN[Math.floor(r() * GIVEN.length)];
  return r() < 0.3 ? surname + given : surname + given + GIVEN[Math.floor(r() * GIVEN.length)];
}

/** A valid resident ID of 平湖 for a birth date (YYYY-MM-DD) and a sequence number (odd: a man). */
export function pinghuResidentId(birthDate: string, sequence: number) {
  const first17 = `330482${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckChar(first17);
}

/** A mobile number: 13x, 15x, 17x, 18x or 19x. */
export const mobile = (r: () => number) => `1${[3, 5, 7, 8, 9][Math.floor(r() * 5)]}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;

/** What kind of workplace a union is, for the employment of its members. */
export type WorkplaceKind = 'factory' | 'logistics' | 'riders' | 'couriers' | 'gig' | 'park';

/** Employment of one member of a union of this kind (`employer`: the union's company; `parkEmployers`: a park's firms). */
export function employmentAt(kind: WorkplaceKind, employer: string | null, r: () => number, parkEmployers: readonly string[] = []): { form: EmploymentForm; employer: string | null; platform: string | null } {
  const x = r();
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  switch (kind) {
    case 'factory':
      return x < 0.9 ? { form: 'standard', employer, platform: null } : { form: 'flexible', employer, platform: null };
    case 'logistics':
      return x < 0.75 ? { form: 'standard', employer, platform: null } : { form: 'truck_driver', employer, platform: pick(TRUCK_PLATFORMS) };
    case 'riders':
      return { form: 'delivery_rider', employer: null, platform: pick(RIDER_PLATFORMS) };
    case 'couriers':
      return { form: 'courier', employer: null, platform: pick(COURIER_PLATFORMS) };
    case 'gig':
      if (x < 0.35) return { form: 'delivery_rider', employer: null, platform: pick(RIDER_PLATFORMS) };
      if (x < 0.6) return { form: 'courier', employer: null, platform: pick(COURIER_PLATFORMS) };
      if (x < 0.8) return { form: 'ride_hailing_driver', employer: null, platform: pick(RIDE_PLATFORMS) };
      if (x < 0.92) return { form: 'truck_driver', employer: null, platform: pick(TRUCK_PLATFORMS) };
      return { form: 'flexible', employer: null, platform: null };
    case 'park':
      return { form: x < 0.8 ? 'standard' : 'flexible', employer: pick(parkEmployers), platform: null };
  }
}

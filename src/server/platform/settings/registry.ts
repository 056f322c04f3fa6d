import { z as zod } from 'zod';

/**
 * A setting: its key (`<module>.<name>`), its Chinese label, what it is for, the zod schema its value must
 * pass (its `title`s and messages are what an administrator reads when a value is refused) and its
 * default. The platform declares its own below; a module declares its own in module.ts (`settings`).
 */
export interface SettingDefinition<T = unknown> {
  key: string;
  label: string;
  description: string;
  schema: zod.ZodType<T>;
  /** A function: a default may come from the environment, read when asked. */
  defaultValue: () => T;
}

export const defineSetting = <T>(definition: SettingDefinition<T>) => definition;

const registry = new Map<string, SettingDefinition>();

export function declareSettings(owner: string, definitions: readonly SettingDefinition<unknown>[]) {
  for (const definition of definitions) {
    if (registry.has(definition.key)) throw new Error(`setting ${definition.key} of ${owner} is declared twice`);
    registry.set(definition.key, definition as SettingDefinition);
  }
}

export const settingDefinition = (key: string) => registry.get(key);
export const declaredSettings = () => [...registry.values()];

/** LIANXIN_PUBLIC_URL without its trailing slashes, or undefined when unset. */
export const publicUrlFromEnv = () => process.env.LIANXIN_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined;

/**
 * The address users reach the system at: links in messages, join QR codes and printed forms point here
 * (publicBaseUrl, platform/public-url.ts). Until an administrator sets it, `LIANXIN_PUBLIC_URL` holds; without
 * that, the address the staff browser used (shown here as the local one).
 */
export const publicBaseUrlSetting = defineSetting({
  key: 'platform.publicBaseUrl',
  label: '系统访问地址',
  description: '职工和工作人员访问本系统的网址，用于短信与通知中的链接、入会二维码和打印件。末尾不带 /，如 https://lianxin.example.gov.cn',
  schema: zod
    .string()
    .trim()
    .max(200)
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s/?#])?$/, '请填写以 http:// 或 https:// 开头的网址，末尾不带 /')
    .meta({ title: '系统访问地址' }),
  defaultValue: () => publicUrlFromEnv() ?? `http://localhost:${process.env.PORT ?? 3000}`,
});
declareSettings('platform', [publicBaseUrlSetting]);

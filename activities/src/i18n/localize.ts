/**
 * Typed string tables, French first. An activity declares its French table; the English one must have
 * exactly the same keys (the type checker says which are missing). Placeholders: `{name}`.
 */
import type { Locale } from '../bridge/protocol.js';

export type { Locale } from '../bridge/protocol.js';
export type StringTable = Readonly<Record<string, string>>;
export type Translations<T extends StringTable> = { fr: T; en: { [K in keyof T]: string } };

export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

/** Reads a BCP 47 tag ("fr-FR", "en_GB") into one of our locales, French when unknown. */
export function toLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === base) ?? DEFAULT_LOCALE;
}

/** The language of the page around an element: the closest `lang` attribute, then `<html lang>`. */
export function pageLocale(element: Element): Locale {
  const withLang = element.closest('[lang]');
  return toLocale(withLang?.getAttribute('lang') ?? document.documentElement.lang);
}

export function translate<T extends StringTable>(
  table: Translations<T>,
  locale: Locale,
  key: keyof T & string,
  params: Record<string, string | number> = {},
): string {
  const text = table[locale][key] ?? table.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Formats a number for the locale (thin spaces in French). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

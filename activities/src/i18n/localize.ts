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

/**
 * The string `key` in `locale` (French when missing), with `{name}` placeholders filled. Numbers are
 * formatted for the locale, and a numeric `count` picks the plural form: `key_one` when the locale's
 * rules say "one" (in French, 0 and 1; in English, 1 only), else `key`.
 */
export function translate<T extends StringTable>(
  table: Translations<T>,
  locale: Locale,
  key: keyof T & string,
  params: Record<string, string | number> = {},
): string {
  const strings = table[locale] as StringTable;
  const count = params['count'];
  const one = `${key}_one`;
  const chosen = typeof count === 'number' && one in strings && pluralRules(locale).select(count) === 'one' ? one : key;
  const text = strings[chosen] ?? (table.fr as StringTable)[chosen] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

const rules = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return rule;
}

/** Formats a number for the locale (thin spaces in French). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

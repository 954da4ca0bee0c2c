import { describe, expect, it } from 'vitest';
import { toLocale, translate, type Translations } from '../src/i18n/localize.js';

const fr = { items: '{count} réactions', items_one: '{count} réaction', hello: 'Bonjour {name}' } as const;
const table: Translations<typeof fr> = {
  fr,
  en: { items: '{count} reactions', items_one: '{count} reaction', hello: 'Hello {name}' },
};

describe('translate', () => {
  it('picks the plural form by the locale’s rules: French 0 and 1 are singular, English only 1', () => {
    expect(translate(table, 'fr', 'items', { count: 0 })).toBe('0 réaction');
    expect(translate(table, 'fr', 'items', { count: 1 })).toBe('1 réaction');
    expect(translate(table, 'fr', 'items', { count: 2 })).toBe('2 réactions');
    expect(translate(table, 'en', 'items', { count: 0 })).toBe('0 reactions');
    expect(translate(table, 'en', 'items', { count: 1 })).toBe('1 reaction');
  });

  it('formats numbers for the locale and leaves unknown placeholders', () => {
    expect(translate(table, 'fr', 'items', { count: 12345 })).toBe('12\u202f345 réactions');
    expect(translate(table, 'en', 'items', { count: 12345 })).toBe('12,345 reactions');
    expect(translate(table, 'fr', 'hello')).toBe('Bonjour {name}');
    expect(translate(table, 'en', 'hello', { name: '<b>Zoé</b>' })).toBe('Hello <b>Zoé</b>');
  });

  it('reads locales from language tags, French by default', () => {
    expect(toLocale('en-GB')).toBe('en');
    expect(toLocale('fr_FR')).toBe('fr');
    expect(toLocale('de')).toBe('fr');
    expect(toLocale(undefined)).toBe('fr');
  });
});

import { describe, expect, it } from 'vitest';
import { Outbox } from '../src/element/outbox.js';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('Outbox', () => {
  it('keeps answers with their key per instance and person, across pages', () => {
    const storage = memoryStorage();
    const first = new Outbox(storage);
    first.open('w1', 'lucas');
    const item = first.add('résilience', 1_000);
    expect(item.key).toMatch(/^[0-9a-f-]{36}$/);
    const second = new Outbox(storage);
    second.open('w1', 'lucas', 2_000);
    expect(second.items).toEqual([item]);
    const other = new Outbox(storage);
    other.open('w1', 'emma', 2_000);
    expect(other.items).toEqual([]);
    second.remove(item.key);
    expect(storage.data.size).toBe(0);
  });

  it('drops what is a week old, and ignores tampered or broken storage', () => {
    const storage = memoryStorage();
    storage.setItem(
      'mag-wordcloud-outbox:w1:lucas',
      JSON.stringify([
        { key: 'a1b2c3d4-0000', text: 'vieux', at: 0 },
        { key: 'bad key with spaces', text: 'x', at: 10 },
        { key: 'e5f6a7b8-1111', text: 42, at: 10 },
        { key: 'c9d0e1f2-2222', text: 'récent', at: 7 * 24 * 3600 * 1000 },
      ]),
    );
    const outbox = new Outbox(storage);
    outbox.open('w1', 'lucas', 7 * 24 * 3600 * 1000 + 1);
    expect(outbox.items.map((item) => item.text)).toEqual(['récent']);
    storage.setItem('mag-wordcloud-outbox:w2:lucas', '{not json');
    const broken = new Outbox(storage);
    broken.open('w2', 'lucas');
    expect(broken.items).toEqual([]);
  });

  it('works in memory when storage refuses to write', () => {
    const outbox = new Outbox({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    outbox.open('w1', 'lucas');
    outbox.add('un');
    expect(outbox.items).toHaveLength(1);
  });
});

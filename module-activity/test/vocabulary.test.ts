import { describe, expect, it } from 'vitest';
import {
  ACADEMY_LABELS,
  DOMAIN_LABELS,
  NATURE_LABELS,
  PUBLIC_LABELS,
  durationBand,
  modality,
} from '../src/catalog/vocabulary.js';

describe('catalog vocabularies', () => {
  it('band durations at their upper bounds', () => {
    expect([0, 30, 31, 60, 61, 120, 121, 6000].map(durationBand)).toEqual([
      'up-to-30',
      'up-to-30',
      '31-60',
      '31-60',
      '61-120',
      '61-120',
      'over-120',
      'over-120',
    ]);
  });

  it('tell distance, in-person and hybrid modules apart', () => {
    expect(modality({ distance: 60, inPerson: 0 })).toBe('distance');
    expect(modality({ distance: 0, inPerson: 180 })).toBe('in-person');
    expect(modality({ distance: 60, inPerson: 180 })).toBe('hybrid');
  });

  it('label every code in French and English, with ASCII codes', () => {
    for (const table of [NATURE_LABELS, DOMAIN_LABELS, PUBLIC_LABELS, ACADEMY_LABELS]) {
      for (const [code, labels] of Object.entries(table)) {
        expect(code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(labels.fr.length).toBeGreaterThan(0);
        expect(labels.en.length).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(ACADEMY_LABELS)).toHaveLength(30);
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { escapeText, fold, programmeToIcs } from '../src/programme/ics.js';
import {
  Step,
  Steps,
  isDate,
  moveStep,
  runningTotals,
  timing,
  totals,
  wallClock,
  type Step as StepType,
} from '../src/programme/model.js';

const steps: StepType[] = [
  {
    kind: 'inperson',
    id: 's1',
    title: 'Lancement : usages du numérique',
    date: '2027-01-12',
    start: '09:00',
    durationMinutes: 180,
    place: 'Lycée Condorcet, salle B12',
  },
  {
    kind: 'module',
    id: 'm1',
    title: 'Différencier avec le numérique',
    catalog: { entryId: 'differencier-numerique', version: '1.2.0' },
    opens: '2027-01-13',
    closes: '2027-01-26',
    durationMinutes: 60,
  },
  {
    kind: 'synchronous',
    id: 'c1',
    title: 'Classe virtuelle : retours',
    date: '2027-01-27',
    start: '17:30',
    durationMinutes: 45,
    link: 'https://visio.education.fr/meeting/abc',
  },
  {
    kind: 'inperson',
    id: 's2',
    title: 'Bilan',
    date: '2027-03-30',
    start: '23:30',
    durationMinutes: 90,
    place: '',
  },
];

describe('programme model', () => {
  it('accepts well-formed steps and refuses bad dates, links and durations', () => {
    expect(v.is(Steps, steps)).toBe(true);
    const bad = (patch: Record<string, unknown>, index = 0) => !v.is(Step, { ...steps[index], ...patch });
    expect(bad({ date: '2027-02-30' })).toBe(true);
    expect(bad({ start: '24:00' })).toBe(true);
    expect(bad({ durationMinutes: 2 })).toBe(true);
    expect(bad({ title: '   ' })).toBe(true);
    expect(bad({ link: 'javascript:alert(1)' }, 2)).toBe(true);
    expect(bad({ link: 'https://a.fr/\nBEGIN:VEVENT' }, 2)).toBe(true);
    expect(bad({ opens: '2027-02-01', closes: '2027-01-01' }, 1)).toBe(true);
    expect(bad({ catalog: { entryId: '../etc', version: '1.0.0' } }, 1)).toBe(true);
    expect(v.is(Steps, [steps[0], steps[0]])).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2027-02-29')).toBe(false);
  });

  it('adds up in-person and distance time, and keeps running totals', () => {
    expect(totals(steps)).toEqual({
      inPersonMinutes: 270,
      distanceMinutes: 105,
      synchronousMinutes: 45,
      asynchronousMinutes: 60,
    });
    expect(runningTotals(steps).map((t) => [t.inPersonMinutes, t.distanceMinutes])).toEqual([
      [180, 0],
      [180, 60],
      [180, 105],
      [270, 105],
    ]);
  });

  it('moves a step, clamping the target', () => {
    expect(moveStep(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveStep(['a', 'b', 'c'], 2, -5)).toEqual(['c', 'a', 'b']);
    expect(moveStep(['a', 'b', 'c'], 7, 0)).toEqual(['a', 'b', 'c']);
  });

  it('tells past, current and upcoming steps, a session running past midnight included', () => {
    expect(timing(steps[0]!, '2027-01-12T08:59')).toBe('upcoming');
    expect(timing(steps[0]!, '2027-01-12T10:00')).toBe('current');
    expect(timing(steps[0]!, '2027-01-12T12:00')).toBe('past');
    expect(timing(steps[1]!, '2027-01-20T10:00')).toBe('current');
    expect(timing(steps[1]!, '2027-01-27T00:00')).toBe('past');
    expect(timing(steps[3]!, '2027-03-31T00:30')).toBe('current');
    expect(timing(steps[3]!, '2027-03-31T01:00')).toBe('past');
    expect(timing({ ...steps[1]!, opens: undefined, closes: undefined } as StepType, '2027-01-01T00:00')).toBe(
      'undated',
    );
  });

  it('reads the wall clock of Paris, summer and winter', () => {
    expect(wallClock(new Date('2027-01-12T08:00:00Z'))).toBe('2027-01-12T09:00');
    expect(wallClock(new Date('2027-07-01T08:00:00Z'))).toBe('2027-07-01T10:00');
  });
});

describe('iCalendar export', () => {
  const ics = programmeToIcs(steps, {
    programmeId: 'prog-42',
    calendarName: 'Enseigner avec le numérique',
    url: 'https://magistere.example/course/view.php?id=3',
    locale: 'fr',
    now: new Date('2026-12-04T10:00:00Z'),
  });
  const unfolded = ics.replace(/\r\n /g, '');

  it('is a calendar with one event per dated step, CRLF lines of at most 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('puts sessions at their Paris wall-clock time with a duration, modules as all-day spans', () => {
    expect(unfolded).toContain('DTSTART;TZID=Europe/Paris:20270112T090000\r\nDURATION:PT3H');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Paris:20270127T173000\r\nDURATION:PT45M');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Paris:20270330T233000\r\nDURATION:PT1H30M');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20270113\r\nDTEND;VALUE=DATE:20270127');
    expect(unfolded).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
    expect(unfolded).toContain('UID:prog-42-s1@magistere-activities');
    expect(unfolded).toContain('LOCATION:Lycée Condorcet\\, salle B12');
    expect(unfolded).toContain('URL:https://visio.education.fr/meeting/abc');
    expect(unfolded).toContain('SUMMARY:Lancement : usages du numérique');
  });

  it('escapes text and folds without cutting a character', () => {
    expect(escapeText('a;b,c\\d\ne\u0007')).toBe('a\\;b\\,c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = fold(long);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});

/**
 * The programme as an iCalendar file (RFC 5545) for the trainees' and the trainer's calendars: one event per
 * in-person or synchronous session (at its wall-clock time in the training's time zone, with its duration, so that
 * daylight saving time is the calendar's business), and one all-day event spanning each module's opening days.
 *
 * Text is escaped (`\\ ; , \n`), control characters dropped, lines folded at 75 octets without cutting a UTF-8
 * character, lines end with CRLF. UIDs are stable (programme and step ids), so that importing the file again
 * updates the events instead of duplicating them.
 */
import { addDays, type Step } from './model.js';

export interface IcsOptions {
  /** Stable id of the programme (course module, instance): part of every UID. */
  programmeId: string;
  /** The training's name, as the calendar's name. */
  calendarName: string;
  /** Where the programme is: a link in each event. */
  url?: string;
  locale: 'fr' | 'en';
  /** DTSTAMP: when the file was made. */
  now: Date;
  /** Only Europe/Paris has its rules here, the time zone of French trainings. */
  timeZone?: 'Europe/Paris';
}

const LABELS = {
  fr: {
    inperson: 'Séance en présentiel',
    synchronous: 'Classe virtuelle',
    module: 'Module à distance',
    link: 'Lien\u00a0:',
  },
  en: { inperson: 'In-person session', synchronous: 'Live online session', module: 'Distance module', link: 'Link:' },
} as const;

/** Europe/Paris: CET in winter, CEST from the last Sunday of March to the last Sunday of October (EU rules). */
const PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A TEXT value: control characters out, then `\`, `;`, `,` and line breaks escaped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- control characters are what is removed.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

/** Folds a content line at 75 octets of UTF-8, never inside a character (RFC 5545 §3.1). */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; the following ones 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: string) => date.replace(/-/g, '');
const compactTime = (time: string) => `${time.replace(':', '')}00`;

function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

function uidPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function programmeToIcs(steps: readonly Step[], options: IcsOptions): string {
  const labels = LABELS[options.locale];
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Magistère//Magistère Activities//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...PARIS,
  ];
  const stamp = utcStamp(options.now);
  for (const step of steps) {
    const uid = `${uidPart(options.programmeId)}-${uidPart(step.id)}@magistere-activities`;
    const description = [labels[step.kind], step.notes ?? ''];
    const event = ['BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`];
    if (step.kind === 'module') {
      const first = step.opens ?? step.closes;
      if (!first) continue;
      const last = step.closes ?? first;
      event.push(`DTSTART;VALUE=DATE:${compactDate(first)}`, `DTEND;VALUE=DATE:${compactDate(addDays(last, 1))}`);
      event.push('TRANSP:TRANSPARENT');
    } else {
      event.push(
        `DTSTART;TZID=Europe/Paris:${compactDate(step.date)}T${compactTime(step.start)}`,
        `DURATION:${duration(step.durationMinutes)}`,
      );
      if (step.kind === 'inperson' && step.place) event.push(`LOCATION:${escapeText(step.place)}`);
      if (step.kind === 'synchronous' && step.link) {
        event.push(`LOCATION:${escapeText(step.link)}`, `URL:${step.link}`);
        description.push(`${labels.link} ${step.link}`);
      }
    }
    event.push(`SUMMARY:${escapeText(step.title)}`);
    if (options.url && !(step.kind === 'synchronous' && step.link)) event.push(`URL:${options.url}`);
    event.push(
      `DESCRIPTION:${escapeText(description.filter(Boolean).join('\n'))}`,
      `CATEGORIES:${escapeText(labels[step.kind])}`,
    );
    event.push('END:VEVENT');
    lines.push(...event);
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

// Shared by the GPX and TCX importers: a streaming XML reader over saxes (the file is never
// held as a DOM, only the current element path), and the checks that turn a track's totals
// into an activity with the ranges ingestActivities allows.
import { SaxesParser } from 'saxes';
import type { ActivityRecord } from './activities';
import type { TrackTotals } from '../domain/track';
import { ACTIVITY_BOUNDS } from './validate';
import { badInput } from '../errors';

/** Points one GPX or TCX file may hold: a day at one point a second is 86,400. */
export const MAX_TRACK_POINTS = 200_000;

export interface XmlElement {
  /** Local name, without prefix. */
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  attributes: Record<string, string>;
  /** Text directly inside the element, before any child element. */
  text: string;
  hasChildren: boolean;
}

export interface XmlVisitor {
  /** An element opened; `stack` holds its ancestors, root first. */
  open?(element: XmlElement, stack: readonly XmlElement[]): void;
  /** An element closed, with its text; `stack` holds its ancestors. */
  close(element: XmlElement, stack: readonly XmlElement[]): void;
}

export interface XmlReader {
  /** The line the parser is on (1-based), for messages. */
  line(): number;
}

/**
 * Reads UTF-8 XML as it arrives and calls the visitor per element. A file that is not
 * well-formed XML, or not UTF-8, is BAD_USER_INPUT with `label`, its line and column.
 */
export async function readXml(
  input: AsyncIterable<Uint8Array | string>,
  label: string,
  visitor: (reader: XmlReader) => XmlVisitor,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const handlers = visitor({ line: () => parser.line });
  const stack: XmlElement[] = [];
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attributes[attribute.local] = attribute.value;
    const element: XmlElement = { local: tag.local, uri: tag.uri, attributes, text: '', hasChildren: false };
    // The visitor sees whether this is its parent's first child (a GPX segment's first point).
    handlers.open?.(element, stack);
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChildren = true;
    stack.push(element);
  });
  // Text after a child element is whitespace between children in these formats: not kept.
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top && !top.hasChildren) top.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top && !top.hasChildren) top.text += text;
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    handlers.close(element, stack);
  });
  await feedXml(parser, input, label);
}

/**
 * Feeds UTF-8 bytes (or text) to a saxes parser as they arrive, a character split across
 * chunks included. Not UTF-8, or not well-formed, is BAD_USER_INPUT with `label` and the line;
 * the handlers' own BAD_USER_INPUT errors pass through.
 */
export async function feedXml(parser: { write(text: string): unknown; close(): unknown; line: number }, input: AsyncIterable<Uint8Array | string> | Iterable<string>, label: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of input) parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (error instanceof TypeError && /encoded data|decode/i.test(error.message)) throw badInput(`${label} is not UTF-8 text (near line ${parser.line})`);
    // saxes reports "line:column: what"; our own checks are already BAD_USER_INPUT.
    if (error instanceof Error && !('extensions' in error)) throw badInput(`${label} is not well-formed XML: line ${error.message}`);
    throw error;
  }
}

/** A number from element text, or null when empty; `what` names it in the message. */
export function numberOf(text: string, what: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw badInput(`${what} must be a number; got ${JSON.stringify(trimmed.slice(0, 40))}`);
  return value;
}

/** An ISO 8601 instant from element text. */
export function instantOf(text: string, what: string): number {
  const trimmed = text.trim();
  // A zone is required: a time without one would be read in the server's zone.
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (!Number.isFinite(time)) throw badInput(`${what} must be an ISO 8601 time with a zone, e.g. 2026-03-07T08:00:00Z; got ${JSON.stringify(trimmed.slice(0, 40))}`);
  return time;
}

/** A heart-rate reading; one outside 20..250 bpm is a sensor glitch (a strap's 0 or 255) and reads as none. */
export function heartRateOf(text: string, what: string): number | null {
  const value = numberOf(text, what);
  const { min, max } = ACTIVITY_BOUNDS.heartRate;
  return value !== null && value >= min && value <= max ? value : null;
}

type Extra = Pick<ActivityRecord, 'source' | 'externalId'> & Partial<Pick<ActivityRecord, 'calories' | 'avgHr' | 'maxHr' | 'distanceM' | 'movingS' | 'elapsedS'>>;

/**
 * A run from a track's totals (values in `extra` win: a TCX file's lap totals), refused
 * with `label` when a field is outside the ranges ingestActivities allows.
 */
export function trackRecord(label: string, totals: TrackTotals, extra: Extra, now: Date = new Date()): ActivityRecord {
  const B = ACTIVITY_BOUNDS;
  const record: ActivityRecord = {
    sport: 'run',
    startTime: totals.startTime,
    distanceM: totals.distanceM,
    movingS: Math.round(totals.movingS),
    elapsedS: Math.round(totals.elapsedS),
    avgHr: totals.avgHr,
    maxHr: totals.maxHr,
    calories: null,
    elevationGainM: totals.elevationGainM,
    paceZoneS: totals.paceZoneS,
    hrZoneS: totals.hrZoneS,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined && v !== null)),
  } as ActivityRecord;
  record.movingS = Math.round(record.movingS);
  record.elapsedS = Math.max(Math.round(record.elapsedS), record.movingS);
  const fail = (what: string) => badInput(`${label}: ${what}`);
  if (record.startTime < B.earliestStart) throw fail(`the run starts before ${B.earliestStart.toISOString().slice(0, 10)}`);
  if (record.startTime.getTime() > now.getTime() + 86_400_000) throw fail('the run starts more than a day in the future');
  if (record.movingS < B.durationS.min) throw fail('the run has no moving time (every step is a pause of over 10 s, or there is one point)');
  if (record.elapsedS > B.durationS.max) throw fail(`the run lasts more than ${B.durationS.max} s`);
  if (record.distanceM > B.distanceM.max) throw fail(`the distance is over ${B.distanceM.max} m`);
  if (record.calories != null && record.calories > B.calories.max) throw fail(`calories must be at most ${B.calories.max}`);
  if (record.elevationGainM != null && record.elevationGainM > B.elevationGainM.max) throw fail(`the elevation gain is over ${B.elevationGainM.max} m`);
  for (const hr of ['avgHr', 'maxHr'] as const) {
    const value = record[hr];
    if (value != null && (value < B.heartRate.min || value > B.heartRate.max)) throw fail(`${hr === 'avgHr' ? 'average' : 'max'} heart rate must be ${B.heartRate.min}..${B.heartRate.max} bpm; got ${value}`);
  }
  return record;
}

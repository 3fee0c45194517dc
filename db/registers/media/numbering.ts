import { DomainError } from '../../../common/api/result';
import { classificationListProblem } from '../../../common/media/kinds';
import {
  nextNumber,
  normaliseMediaNumber,
  parseNumberPattern,
  sequenceScope,
  type NumberPattern,
} from '../../../common/media/numbering';
import type { Db } from '../../core/open';
import { getSetting, setSetting } from '../../core/settings';

/**
 * 保密编号 allocation. Every number ever given to a medium is a row of `media_numbers` (primary
 * key: the normalised number), so a number is never given twice — not after the medium is voided,
 * not after it was replaced while the medium was unused. Automatic numbers come from one counter
 * per scope (`media_sequences`, the pattern with its year filled in), skipping numbers already
 * given by hand. Callers run in a transaction that took the write lock first (immediate), so two
 * connections never read the same counter.
 */

export function currentPattern(db: Db): NumberPattern {
  const parsed = parseNumberPattern(getSetting(db, 'media.numberPattern'));
  // The setting is checked when saved; a damaged value must not silently number media.
  if (!parsed.ok) throw new DomainError('RULE', `介质编号规则无效：${parsed.message}。请在介质设置中修改编号规则`);
  return parsed.pattern;
}

/** The medium a number was given to (it may carry another number now), or undefined. */
export function numberHolder(db: Db, number: string): { mediumNumber: string; kind: string; voided: boolean } | undefined {
  const row = db
    .prepare(
      `SELECT m.number AS mediumNumber, m.kind, m.voided_at IS NOT NULL AS voided
       FROM media_numbers n JOIN media m ON m.id = n.medium_id WHERE n.number_norm = ?`,
    )
    .get(normaliseMediaNumber(number)) as { mediumNumber: string; kind: string; voided: number } | undefined;
  return row && { ...row, voided: row.voided === 1 };
}

const taken = (db: Db) => (number: string) => numberHolder(db, number) !== undefined;

/** The number the next medium registered in `year` would get (nothing is written). */
export function previewNumber(db: Db, year: number): string {
  const pattern = currentPattern(db);
  const last = (db.prepare('SELECT last FROM media_sequences WHERE scope = ?').pluck().get(sequenceScope(pattern, year)) as number | undefined) ?? 0;
  return nextNumber(pattern, year, last, taken(db)).number;
}

/** Takes the next number of the pattern for `year` and advances its counter. */
export function allocateNumber(db: Db, year: number): string {
  const pattern = currentPattern(db);
  const scope = sequenceScope(pattern, year);
  const last = (db.prepare('SELECT last FROM media_sequences WHERE scope = ?').pluck().get(scope) as number | undefined) ?? 0;
  const next = nextNumber(pattern, year, last, taken(db));
  db.prepare('INSERT INTO media_sequences (scope, last) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last = excluded.last').run(scope, next.seq);
  return next.number;
}

/** Refuses a number given before (to this medium or another), naming the medium. */
export function refuseGivenNumber(db: Db, number: string): void {
  const holder = numberHolder(db, number);
  if (!holder) return;
  const whose =
    normaliseMediaNumber(holder.mediumNumber) === normaliseMediaNumber(number)
      ? `${holder.kind} ${holder.mediumNumber}${holder.voided ? '（已作废）' : ''}`
      : `${holder.kind} ${holder.mediumNumber} 曾用的编号`;
  throw new DomainError('DUPLICATE', `保密编号 ${number} 已被使用过（${whose}），保密编号不能重复使用，作废后也不能再用`, 'number');
}

/** Records that `number` is given to the medium from `at`. */
export function giveNumber(db: Db, number: string, mediumId: number, at: string): void {
  refuseGivenNumber(db, number);
  db.prepare('INSERT INTO media_numbers (number_norm, number, medium_id, given_at) VALUES (?, ?, ?, ?)').run(
    normaliseMediaNumber(number),
    number,
    mediumId,
    at,
  );
}

/** Marks a number replaced (while its medium was unused); it stays given. */
export function replaceNumber(db: Db, number: string, at: string): void {
  db.prepare('UPDATE media_numbers SET replaced_at = ? WHERE number_norm = ? AND replaced_at IS NULL').run(at, normaliseMediaNumber(number));
}

export interface StoredMediaSettings {
  numberPattern: string;
  classifications: string[];
  nextNumber: string;
}

export function readMediaSettings(db: Db, year: number): StoredMediaSettings {
  return {
    numberPattern: getSetting(db, 'media.numberPattern'),
    classifications: getSetting(db, 'media.classifications'),
    nextNumber: previewNumber(db, year),
  };
}

/**
 * Saves a new pattern and 密级 list, refusing a pattern that cannot number media and the removal of
 * a 密级 that media not voided still carry. Changing the pattern never renumbers anything.
 */
export function writeMediaSettings(
  db: Db,
  input: { numberPattern: string; classifications: string[] },
  year: number,
): { before: StoredMediaSettings; after: StoredMediaSettings } {
  const before = readMediaSettings(db, year);
  const parsed = parseNumberPattern(input.numberPattern);
  if (!parsed.ok) throw new DomainError('INVALID_INPUT', parsed.message, 'numberPattern');
  const list = input.classifications.map((c) => c.trim());
  const problem = classificationListProblem(list);
  if (problem) throw new DomainError('INVALID_INPUT', problem, 'classifications');
  for (const removed of before.classifications.filter((c) => !list.includes(c))) {
    const n = db.prepare('SELECT count(*) FROM media WHERE classification = ? AND voided_at IS NULL').pluck().get(removed) as number;
    if (n > 0) {
      throw new DomainError('RULE', `密级“${removed}”仍有 ${n} 件介质在用，不能从列表中删除；请先修改这些介质的密级`, 'classifications');
    }
  }
  setSetting(db, 'media.numberPattern', parsed.pattern.source);
  setSetting(db, 'media.classifications', list);
  return { before, after: readMediaSettings(db, year) };
}

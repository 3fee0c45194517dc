import { statePhrase } from '../../../common/media/machine';
import type { Db } from '../../core/open';
import { registerDepartureProvider, type ChecklistItem, type DepartureProvider } from '../people/departure';
import { pendingDeparture } from '../people/repo';
import { loadState } from './chain';

/**
 * The media register's part of a departing person's checklist (DESIGN.md §2 “Departure closes
 * everything”): every medium the person holds must be returned (归还介质 JZ-2026-0001（U盘，型号）),
 * and every medium they are 责任人 of handed to someone else. Items done since the departure
 * started stay on the list as done (returned with the checker named, handed over to whom), so the
 * list shows what was cleared. Destroyed or handed-back media need nothing; a medium reported lost
 * stays open until it is found and returned (or the departure is completed by exception).
 */

interface MediumRef {
  id: number;
  number: string;
  kind: string;
  model: string;
}

const label = (m: MediumRef) => `${m.number}（${[m.kind, m.model.trim()].filter(Boolean).join('，')}）`;
const CLOSED = `status NOT IN ('已交回', '已销毁') AND voided_at IS NULL`;

function heldItems(db: Db, personId: number): ChecklistItem[] {
  const held = db.prepare(`SELECT id, number, kind, model FROM media WHERE holder_id = ? AND ${CLOSED} ORDER BY number_norm`).all(personId) as MediumRef[];
  return held.map((m) => ({
    key: `media:${m.number}`,
    label: `归还介质 ${label(m)}`,
    done: false,
    detail: `${statePhrase(loadState(db, m))}，尚未归还。`,
  }));
}

function returnedItems(db: Db, personId: number, since: string): ChecklistItem[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.number, m.kind, m.model, e.occurred_at AS returnedAt, json_extract(e.data_json, '$.checkedBy') AS checkedBy
       FROM media_event_people p
       JOIN media_events e ON e.id = p.event_id
       JOIN media m ON m.id = e.medium_id
       WHERE p.person_id = ? AND p.role = '归还人' AND julianday(e.recorded_at) >= julianday(?)
         AND m.voided_at IS NULL AND m.holder_id IS NOT ?
         AND NOT EXISTS (SELECT 1 FROM media_events c WHERE c.medium_id = e.medium_id AND c.corrects_seq = e.seq)
         AND e.seq = (SELECT max(x.seq) FROM media_events x JOIN media_event_people y ON y.event_id = x.id
                      WHERE x.medium_id = m.id AND y.person_id = p.person_id AND y.role = '归还人')
       ORDER BY m.number_norm`,
    )
    .all(personId, since, personId) as (MediumRef & { returnedAt: string; checkedBy: string })[];
  return rows.map((m) => ({
    key: `media:${m.number}`,
    label: `归还介质 ${label(m)}`,
    done: true,
    detail: `已于 ${m.returnedAt.slice(0, 10)} 归还${m.checkedBy ? `，核验人 ${m.checkedBy}` : ''}。`,
  }));
}

function custodyItems(db: Db, personId: number, since: string): ChecklistItem[] {
  const open = db
    .prepare(`SELECT id, number, kind, model FROM media WHERE responsible_id = ? AND ${CLOSED} ORDER BY number_norm`)
    .all(personId) as MediumRef[];
  const handedOver = db
    .prepare(
      `SELECT m.id, m.number, m.kind, m.model, x.to_at AS handedAt, p.name AS successor
       FROM media_responsibles x JOIN media m ON m.id = x.medium_id JOIN people p ON p.id = m.responsible_id
       WHERE x.person_id = ? AND x.to_at IS NOT NULL AND julianday(x.to_at) >= julianday(?) AND m.responsible_id <> x.person_id
         AND m.status NOT IN ('已交回', '已销毁') AND m.voided_at IS NULL
       GROUP BY m.id ORDER BY m.number_norm`,
    )
    .all(personId, since) as (MediumRef & { handedAt: string; successor: string })[];
  return [
    ...open.map((m) => ({
      key: `media:${m.number}:custodian`,
      label: `移交介质 ${label(m)}的保管责任`,
      done: false,
      detail: '本人是该介质的责任人，请在介质信息中指定新的责任人。',
    })),
    ...handedOver.map((m) => ({
      key: `media:${m.number}:custodian`,
      label: `移交介质 ${label(m)}的保管责任`,
      done: true,
      detail: `已于 ${m.handedAt.slice(0, 10)} 移交给 ${m.successor}。`,
    })),
  ];
}

export const mediaDepartureProvider: DepartureProvider = {
  id: 'media',
  label: '存储介质',
  items(db, personId) {
    const departure = pendingDeparture(db, personId);
    if (!departure) return [];
    return [...heldItems(db, personId), ...returnedItems(db, personId, departure.startedAt), ...custodyItems(db, personId, departure.startedAt)];
  },
};

registerDepartureProvider(mediaDepartureProvider);

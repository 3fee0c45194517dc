import type { z } from 'zod';
import type { ChannelDef } from '../../common/api/channel';
import type { ImportCellError, ImportRow, importChannels } from '../../common/api/import';
import { ipFilingChannels } from '../../common/api/ipfiling';
import { mediaChannels } from '../../common/api/media';
import { orgChannels } from '../../common/api/org';
import { personChannels } from '../../common/api/person';
import { signOffChannels } from '../../common/api/signoff';
import { DomainError } from '../../common/api/result';
import { dataRowIndexes, missingRequired, type ImportMapping } from '../../common/import/headers';
import { IMPORT_FIELDS, type ImportRegister } from '../../common/import/registers';
import type { Cell } from '../../common/import/values';
import type { AuditDetails } from '../audit/log';
import { localDate } from '../registers/contracts/repo';
import { ipFilingHandlers } from '../registers/ipfilings/handlers';
import { mediaHandlers } from '../registers/media/handlers';
import { orgHandlers } from '../registers/org/handlers';
import { personHandlers } from '../registers/people/handlers';
import { signOffHandlers } from '../registers/people/signoff-handlers';
import type { Db } from '../core/open';
import type { Handler, HandlerContext } from '../router/handlers';
import { findUnit } from './resolve';
import { INPUT_FIELD, planRow, type RowEnv } from './rows';
import type { ImportSheet } from './read';

type SheetInput = z.output<(typeof importChannels)['import:preview']['input']>;

/** The channels rows go through: their schemas and handlers are those of manual entry. */
const CHANNELS: Record<string, ChannelDef> = {
  'org:create': orgChannels['org:create'],
  'person:create': personChannels['person:create'],
  'signoff:create': signOffChannels['signoff:create'],
  'media:create': mediaChannels['media:create'],
  'media:event': mediaChannels['media:event'],
  'ipfiling:create': ipFilingChannels['ipfiling:create'],
};
const HANDLERS: Record<string, Handler<ChannelDef>> = {
  'org:create': orgHandlers['org:create'] as Handler<ChannelDef>,
  'person:create': personHandlers['person:create'] as Handler<ChannelDef>,
  'signoff:create': signOffHandlers['signoff:create'] as Handler<ChannelDef>,
  'media:create': mediaHandlers['media:create'] as Handler<ChannelDef>,
  'media:event': mediaHandlers['media:event'] as Handler<ChannelDef>,
  'ipfiling:create': ipFilingHandlers['ipfiling:create'] as Handler<ChannelDef>,
};

/** One audit record of a created record, written when the import commits. */
export interface RowAudit {
  channel: string;
  action: string;
  details: AuditDetails;
}

export interface ImportRun {
  rows: ImportRow[];
  /** Units named in rows and not yet in 单位 (created when allowed). */
  unitsToCreate: string[];
  /** Units created by rows that went in. */
  unitsCreated: string[];
  audits: RowAudit[];
  missingColumns: string[];
}

class RowRefused extends Error {}
class PreviewDone extends Error {}

const isEmpty = (c: Cell) => c === null || c === '';

/** Runs one channel's schema and handler for a row; issues and refusals become cell errors. */
function call(ctx: HandlerContext, channel: string, input: unknown, errorAt: (field: string, message: string) => void): unknown {
  const def = CHANNELS[channel]!;
  const parsed = def.input.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errorAt(String(issue.path[0] ?? ''), issue.message);
    throw new RowRefused();
  }
  const handler = HANDLERS[channel]!;
  if (handler.kind !== 'tx') throw new Error(`import cannot run ${channel}`);
  return handler.run(ctx, parsed.data, undefined);
}

/**
 * The database with its statements kept once prepared: the register handlers prepare theirs on each
 * call, which for thousands of rows costs more than running them.
 */
function withStatementCache(db: Db): Db {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          let statement = cache.get(sql);
          if (!statement) {
            statement = target.prepare(sql);
            cache.set(sql, statement);
          }
          return statement;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Every data row of the sheet through the register's channel, each in its own savepoint so a
 * refused row leaves nothing behind. With `preview`, everything is rolled back at the end.
 */
export function runImport(outer: HandlerContext, sheet: ImportSheet, input: SheetInput, preview: boolean): ImportRun {
  const ctx: HandlerContext = { ...outer, db: withStatementCache(outer.db) };
  const register: ImportRegister = input.register;
  const mapping: ImportMapping = Object.fromEntries(IMPORT_FIELDS[register].map((f) => [f.key, input.mapping[f.key] ?? null]));
  const today = localDate(ctx.now());
  const result: ImportRun = { rows: [], unitsToCreate: [], unitsCreated: [], audits: [], missingColumns: missingRequired(register, mapping) };
  const toCreate = new Set<string>();
  const created = new Set<string>();
  const mappedColumns = Object.values(mapping).filter((c): c is number => c !== null);

  const work = () => {
    for (const index of dataRowIndexes(sheet.rows, input.headerRow)) {
      const row = sheet.rows[index]!;
      if (mappedColumns.every((c) => isEmpty(row[c] ?? null))) continue;
      const errors: ImportCellError[] = [];
      let duplicate = false;
      const rowAudits: RowAudit[] = [];
      const rowUnits: string[] = [];
      const errorAt = (key: string, message: string) => {
        const field = INPUT_FIELD[key] ?? key;
        const column = mapping[field] ?? null;
        if (!errors.some((e) => e.field === field && e.message === message)) errors.push({ field, column, message });
      };
      let current = '';
      const rowCtx: HandlerContext = {
        ...ctx,
        audit(details) {
          rowAudits.push({ channel: current, action: CHANNELS[current]!.audit ?? current, details });
        },
        skipAudit() {},
      };
      const env: RowEnv = {
        db: ctx.db,
        today,
        unit(name, field) {
          const found = findUnit(ctx.db, name);
          if (found) return found.id;
          toCreate.add(name);
          if (!input.createUnits) {
            errorAt(field, `单位名录中没有“${name}”：请先登记该单位，或选择“自动登记表中的新单位”`);
            return null;
          }
          const outer = current;
          current = 'org:create';
          const org = call(rowCtx, 'org:create', { name, kind: input.unitKind }, (_f, message) => errorAt(field, `无法自动登记单位“${name}”：${message}`)) as { id: number };
          current = outer;
          rowUnits.push(name);
          return org.id;
        },
      };
      const cells = (field: string): Cell => {
        const c = mapping[field];
        return c === null || c === undefined ? null : (row[c] ?? null);
      };
      let summary = '';
      try {
        ctx.db.transaction(() => {
          const plan = planRow(register, cells, env, errorAt, input.unitKind);
          summary = plan.summary;
          if (errors.length > 0) {
            // Still let the schema speak about the other fields.
            const parsed = CHANNELS[plan.channel]!.input.safeParse(plan.input);
            if (!parsed.success) {
              for (const issue of parsed.error.issues) {
                const field = INPUT_FIELD[String(issue.path[0])] ?? String(issue.path[0]);
                if (!errors.some((e) => e.field === field)) errorAt(field, issue.message);
              }
            }
            throw new RowRefused();
          }
          current = plan.channel;
          const out = call(rowCtx, plan.channel, plan.input, errorAt);
          const next = plan.then?.(out);
          if (next) {
            current = next.channel;
            call(rowCtx, next.channel, next.input, errorAt);
          }
        })();
        result.audits.push(...rowAudits);
        rowUnits.forEach((u) => created.add(u));
      } catch (error) {
        if (error instanceof DomainError) {
          errorAt(error.field?.split('.')[0] ?? '', error.message);
          duplicate = error.code === 'DUPLICATE';
        } else if (!(error instanceof RowRefused)) {
          const code = (error as { code?: unknown } | null)?.code;
          if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) errorAt('', '与已有记录冲突或违反数据规则');
          else throw error;
        }
      }
      const status = errors.length === 0 ? 'ok' : duplicate ? 'duplicate' : 'error';
      result.rows.push({ line: index + 1, status, summary: status === 'ok' ? summary : errors.map((e) => e.message).join('；'), errors });
    }
  };

  if (preview) {
    try {
      ctx.db.transaction(() => {
        work();
        throw new PreviewDone();
      })();
    } catch (error) {
      if (!(error instanceof PreviewDone)) throw error;
    }
  } else {
    work();
  }
  result.unitsToCreate = [...toCreate];
  result.unitsCreated = [...created];
  return result;
}

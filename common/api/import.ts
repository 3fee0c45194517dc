import { z } from 'zod';
import { channel } from './channel';
import { ORG_KINDS } from './org';
import { IMPORT_REGISTERS } from '../import/registers';

/**
 * Importing registers kept in Excel (.xlsx) or CSV (UTF-8 or GB18030/GBK).
 *
 * 1. `import:open` asks the shell for a file, reads it (readers in db/import/read.ts) and keeps it
 *    for this session under a token; it answers the sheets (hidden ones marked), each with its
 *    header row found and the suggested mapping of its columns (common/import/headers.ts).
 * 2. `import:preview` reads the rows of one sheet through the mapping and runs each through the
 *    same channel input schema and the same handler as manual entry, inside a transaction that is
 *    rolled back: per row either “would be imported” or its errors per cell, in Chinese. Units named
 *    in a row are matched to 单位 by name or short name (or created, when `createUnits`); people by
 *    ID number, or by name within the row's unit.
 * 3. `import:commit` does the same for real: every row in one transaction, or nothing. With
 *    `onlyValid` the rows with errors are left out and the others imported; without it one bad
 *    row refuses the whole file. Audited with the counts and the file's SM3; each record created
 *    is also recorded as manual entry records it.
 */

export const importMappingSchema = z.record(z.string().max(40), z.number().int().min(0).max(199).nullable());

const sheetInput = z.object({
  token: z.string().min(1, { error: '导入文件已失效，请重新选择文件' }).max(64),
  register: z.enum(IMPORT_REGISTERS, { error: '请选择要导入的台账' }),
  sheet: z.string().max(100),
  /** 0-based index of the header row; the data starts on the row after it. */
  headerRow: z.number().int().min(0).max(100),
  mapping: importMappingSchema,
  /** Create the units rows name that 单位 does not know yet. */
  createUnits: z.boolean().default(false),
  /** The type given to units created from rows, and to 单位 rows without a type. */
  unitKind: z.enum(ORG_KINDS).default('vendor'),
});
export type ImportSheetInput = z.input<typeof sheetInput>;

export const importSheetSchema = z.object({
  name: z.string(),
  hidden: z.boolean(),
  /** Rows below the header row. */
  rowCount: z.number().int(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  suggested: importMappingSchema,
});

export const importCellErrorSchema = z.object({
  /** The register's field (see IMPORT_FIELDS), or '' for the row as a whole. */
  field: z.string(),
  /** 0-based column of the sheet, when the field comes from one. */
  column: z.number().int().nullable(),
  message: z.string(),
});
export type ImportCellError = z.output<typeof importCellErrorSchema>;

export const importRowSchema = z.object({
  /** 1-based row number in the sheet, as the spreadsheet program shows it. */
  line: z.number().int(),
  status: z.enum(['ok', 'error', 'duplicate']),
  /** What the row becomes (e.g. “单位 某某公司”), or its errors. */
  summary: z.string(),
  errors: z.array(importCellErrorSchema),
});
export type ImportRow = z.output<typeof importRowSchema>;

export const importPreviewSchema = z.object({
  total: z.number().int(),
  ok: z.number().int(),
  errors: z.number().int(),
  duplicates: z.number().int(),
  rows: z.array(importRowSchema),
  /** Units rows name that would be created (createUnits) or that are missing. */
  unitsToCreate: z.array(z.string()),
  missingColumns: z.array(z.string()),
});
export type ImportPreview = z.output<typeof importPreviewSchema>;

export const MAX_SAVED_MAPPINGS = 20;

export const savedMappingSchema = z.object({
  name: z.string().trim().min(1, { error: '请为对应关系起一个名称' }).max(40, { error: '名称不能超过 40 个字符' }),
  /** field key → the header of its column. */
  fields: z.record(z.string().max(40), z.string().max(100)),
});

export const importChannels = {
  'import:mappings': channel({
    input: z.object({ register: z.enum(IMPORT_REGISTERS) }),
    output: z.array(savedMappingSchema),
    permission: 'registers.write',
    audit: null,
  }),
  /** Saves (or replaces, by name) a mapping of a register for later files. */
  'import:saveMapping': channel({
    input: savedMappingSchema.extend({ register: z.enum(IMPORT_REGISTERS) }),
    output: z.array(savedMappingSchema),
    permission: 'registers.write',
    audit: 'import.saveMapping',
  }),
  'import:deleteMapping': channel({
    input: z.object({ register: z.enum(IMPORT_REGISTERS), name: z.string().max(40) }),
    output: z.array(savedMappingSchema),
    permission: 'registers.write',
    audit: 'import.deleteMapping',
  }),
  'import:open': channel({
    input: z.object({ register: z.enum(IMPORT_REGISTERS) }),
    output: z.discriminatedUnion('opened', [
      z.object({
        opened: z.literal(true),
        token: z.string(),
        fileName: z.string(),
        size: z.number().int(),
        sm3: z.string(),
        format: z.enum(['xlsx', 'csv']),
        encoding: z.enum(['utf-8', 'gb18030']).nullable(),
        sheets: z.array(importSheetSchema),
        /** The first visible sheet. */
        sheet: z.string(),
      }),
      z.object({ opened: z.literal(false) }),
    ]),
    permission: 'registers.write',
    audit: null,
  }),
  'import:preview': channel({
    input: sheetInput,
    output: importPreviewSchema,
    permission: 'registers.write',
    audit: null,
  }),
  /** The sheet with each row's check result and its wrong cells marked, saved where the officer chooses. */
  'import:errors': channel({
    input: sheetInput,
    output: z.object({ saved: z.boolean(), path: z.string().nullable(), rows: z.number().int() }),
    permission: 'registers.write',
    audit: 'import.errors',
  }),
  'import:commit': channel({
    input: sheetInput.extend({ onlyValid: z.boolean().default(false) }),
    output: z.object({
      imported: z.number().int(),
      skipped: z.number().int(),
      unitsCreated: z.array(z.string()),
      fileName: z.string(),
      sm3: z.string(),
    }),
    permission: 'registers.write',
    audit: 'import.commit',
  }),
};

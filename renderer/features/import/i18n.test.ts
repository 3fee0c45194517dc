import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, IMPORT_REGISTERS } from '../../../common/import/registers';
import en from '../../i18n/import.en';
import zh from '../../i18n/import.zh-CN';

describe('import page messages', () => {
  it('name every field of every register in both languages, zh-CN as the printed register does', () => {
    for (const register of IMPORT_REGISTERS) {
      const zhFields = zh.fields[register] as Record<string, string>;
      const enFields = en.fields[register] as Record<string, string>;
      expect(Object.keys(zhFields).sort()).toEqual(IMPORT_FIELDS[register].map((f) => f.key).sort());
      expect(Object.keys(enFields).sort()).toEqual(Object.keys(zhFields).sort());
      for (const f of IMPORT_FIELDS[register]) expect(zhFields[f.key]).toBe(f.label);
    }
  });
});

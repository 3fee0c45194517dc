// The import directions of DESIGN.md §3 are enforced by `npm run lint`; these cases prove the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const x = 1;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import directions', () => {
  it.each([
    ['renderer/features/x/Page.tsx', "import { openCore } from '../../../db/core';"],
    ['renderer/features/x/Page.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/app/App.tsx', "import { readFileSync } from 'node:fs';"],
    ['renderer/app/App.tsx', "import Database from 'better-sqlite3-multiple-ciphers';"],
    ['renderer/app/App.tsx', "import { createWindow } from '../../electron/window';"],
    ['common/api/x.ts', "import { randomUUID } from 'node:crypto';"],
    ['common/api/x.ts', "import { join } from 'path';"],
    ['common/api/x.ts', "import { openDatabase } from '../../db/core/open';"],
    ['common/api/x.ts', "import { app } from 'electron';"],
    ['common/api/x.ts', "import { useState } from 'react';"],
    ['db/registers/x/repo.ts', "import { dialog } from 'electron';"],
    ['db/registers/x/repo.ts', "import { App } from '../../../renderer/app/App';"],
    ['db/core.ts', "import { createWindow } from '../electron/window';"],
    ['electron/main.ts', "import { App } from '../renderer/app/App';"],
  ])('%s may not `%s`', async (file, source) => {
    expect(await restrictedImports(file, source)).not.toEqual([]);
  });

  it.each([
    ['renderer/app/App.tsx', "import { contract } from '../../common/api';"],
    ['db/core.ts', "import { contract } from '../common/api';"],
    ['db/core.ts', "import { join } from 'node:path';"],
    ['electron/main.ts', "import { openCore } from '../db/core';"],
    ['common/api/x.ts', "import { z } from 'zod';"],
  ])('%s may `%s`', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, valueOf, VIEWER } from '../testing/fixtures';
import { errorOf, exportedSheet, openPeopleWorld, printedHtml, sheetText, type PeopleWorld } from '../registers/people/testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
});
afterEach(() => w.core.cleanup());

async function acknowledgedAndOpen() {
  const p = await w.person({ name: '赵六' });
  valueOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '驻场运维' }));
  const q = await w.person({ name: '孙八' });
  valueOf(await w.call('assignment:create', { personId: q.id, contractId: w.contract.id, role: '开发' }));
  valueOf(
    await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key: `person:${q.id}:contract:${w.contract.id}`, reason: '已离京出差，回京后补签', until: '2024-06-20' }),
  );
}

describe('保密工作检查表', () => {
  it('prints the register totals, the findings by register and severity, each finding and those set aside, with signature lines; audited', async () => {
    await acknowledgedAndOpen();
    const html = await printedHtml(w, { register: 'findingsSummary', filter: { date: null } });
    expect(html).toContain('保密工作检查表');
    expect(html).toContain('检查日期：2024-06-01');
    expect(html).toContain('2 人（在岗 2 人）');
    expect(html).toContain('在岗人员无有效保密承诺');
    expect(html).toContain('赵六 作为驻场运维分派在合同');
    expect(html).toContain('已离京出差，回京后补签');
    for (const label of ['检查人', '保密员', '单位负责人']) expect(html).toContain(label);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'report.print', target_type: 'register', target_id: 'findingsSummary' });
  });

  it('computes the findings as of the date asked for', async () => {
    await acknowledgedAndOpen();
    const html = await printedHtml(w, { register: 'findingsSummary', filter: { date: '2024-06-25' } });
    expect(html).toContain('检查日期：2024-06-25');
    // The acknowledgement held until 2024-06-20: on the 25th both people are findings again.
    expect(html).toContain('孙八 作为开发分派在合同');
  });

  it('exports the findings to Excel under the same title, and is refused to a viewer', async () => {
    await acknowledgedAndOpen();
    const text = sheetText(await exportedSheet(w, { register: 'findingsSummary', filter: { date: null } }));
    expect(text).toContain('保密工作检查表');
    expect(text).toContain('检查日期：2024-06-01');
    expect(text).toContain('赵六（北京金山云网络技术有限公司）');
    expect(text).toContain('暂缓至 2024-06-20：已离京出差，回京后补签');
    expect(errorOf(await w.call('report:xlsx', { selection: { register: 'findingsSummary', filter: {} }, options: { marking: '内部', unitName: '某单位' } }, VIEWER))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

/**
 * Shared set-up of the media register's tests: the people world (fixed clock, units, a contract,
 * people with sign-offs) plus media and events through the router. Never imported by production
 * code.
 */
import type { MediaEventInput, MediumDetail } from '../../../common/api/media';
import type { Person } from '../../../common/api/person';
import type { Result } from '../../../common/api/result';
import { valueOf } from '../../testing/fixtures';
import { openPeopleWorld, type PeopleWorld } from '../people/testing';

export interface MediaWorld extends PeopleWorld {
  /** 王保密 keeps the media (责任人), 张三 and 李四 may hold them; all with a 上岗保密承诺书. */
  keeper: Person;
  zhang: Person;
  li: Person;
  /** Registers a medium (U盘 by default, 王保密 responsible). */
  medium(fields?: Record<string, unknown>): Promise<MediumDetail>;
  get(id: number): Promise<MediumDetail>;
  /** Records an event on the medium at its current revision. */
  event(mediumId: number, input: Record<string, unknown> & { type: MediaEventInput['type'] }): Promise<Result<unknown>>;
  /** The same, expecting success; returns the medium after it. */
  record(mediumId: number, input: Record<string, unknown> & { type: MediaEventInput['type'] }): Promise<MediumDetail>;
}

/** Complete events of each type, to spread and vary. */
export const EVENTS = {
  repair: {
    type: '送外维修',
    fault: '无法识别',
    repairer: '某某数据恢复有限公司',
    repairerAgreement: true,
    agreementRef: 'BM-2026-03',
    backupDone: true,
    sanitised: true,
    sanitisation: '数据已清除（低级格式化）',
    sentBy: '王保密',
    escort: '赵陪同',
    approver: '刘处长',
    expectedBack: '2026-03-20',
  },
  destroy: { type: '销毁', reason: '项目结束', method: '物理粉碎', place: '保密室', destroyer: '王保密', witnesses: ['刘处长'], approver: '刘处长' },
  takeOut: {
    type: '携带外出',
    approver: '刘处长',
    destination: '市政务云机房',
    purpose: '系统巡检',
    encrypted: true,
    encryptionMethod: 'SM4 全盘加密',
    dueBack: '2026-03-05',
  },
  loss: { type: '丢失/泄露报告', incident: '丢失', circumstances: '出差途中遗失', reportedTo: '甲方保密办 陈工' },
} as const;

export async function openMediaWorld(day = '2026-03-02'): Promise<MediaWorld> {
  const w = await openPeopleWorld(day);
  const signed = async (name: string) => {
    const p = await w.person({ name });
    await w.signOff(p.id);
    return valueOf<Person>(await w.call('person:get', { id: p.id }));
  };
  const keeper = await signed('王保密');
  const zhang = await signed('张三');
  const li = await signed('李四');
  const get = async (id: number) => valueOf<MediumDetail>(await w.call('media:get', { id }));
  const event: MediaWorld['event'] = async (mediumId, input) => {
    const current = await get(mediumId);
    return w.call('media:event', { id: mediumId, rev: current.rev, ...input });
  };
  return {
    ...w,
    keeper,
    zhang,
    li,
    get,
    event,
    async record(mediumId, input) {
      return valueOf<{ medium: MediumDetail }>(await event(mediumId, input)).medium;
    },
    async medium(fields = {}) {
      const created = valueOf<{ medium: MediumDetail }>(
        await w.call('media:create', {
          kind: 'U盘',
          model: '金士顿 DTX 64G',
          capacity: '64GB',
          classification: '内部',
          responsibleId: keeper.id,
          orgId: w.vendor.id,
          location: '保密室 2 号柜',
          ...fields,
        }),
      );
      return created.medium;
    },
  };
}

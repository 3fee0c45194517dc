import { Alert, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { IpFiling, SavedFiling } from '../../../common/api/ipfiling';
import { ActionModal } from '../../components/ActionModal';
import { DateField } from '../../components/DateField';
import { useAuthStatus } from '../auth/queries';
import { useFilingMutations } from './queries';

const today = () => dayjs().format('YYYY-MM-DD');

/** IP-2026-0001（华为技术有限公司，张三、李四）: which filing an action is about. */
export const filingLabel = (f: Pick<IpFiling, 'number' | 'orgName' | 'users'>) => `${f.number}（${[f.orgName, f.users.map((u) => u.name).join('、')].filter(Boolean).join('，')}）`;

/**
 * 审批通过: the approver and the day. The core checks “sign before access” for every user; a refusal
 * (naming the person and what is missing) is shown above the form as the core wrote it.
 */
export function ApproveModal({ filing, onClose, onApproved }: { filing: IpFiling | null; onClose(): void; onApproved?(saved: SavedFiling): void }) {
  const { t } = useTranslation();
  const { approve } = useFilingMutations();
  const me = useAuthStatus().data?.user?.displayName ?? '';
  return (
    <ActionModal<{ approver: string; approvedOn: string | null }>
      opened={filing !== null}
      title={t('ipfilings.approve.title', { number: filing?.number ?? '' })}
      initialValues={{ approver: me, approvedOn: today() }}
      confirmLabel={t('ipfilings.approve.confirm')}
      pending={approve.isPending}
      onClose={onClose}
      onSubmit={async ({ approver, approvedOn }) => {
        if (!filing) return;
        const saved = await approve.mutateAsync({ filing, approver, approvedOn: approvedOn ?? '' });
        notifications.show({
          color: saved.conflicts.length > 0 ? 'orange' : 'green',
          title: t('ipfilings.approve.done', { number: saved.filing.number }),
          message: [...saved.notes, ...saved.conflicts.map((c) => c.message)].join('\n') || t('ipfilings.approve.doneBody'),
          style: { whiteSpace: 'pre-wrap' },
        });
        onApproved?.(saved);
      }}
    >
      {(form) => (
        <>
          <Text size="sm">{filing ? t('ipfilings.approve.body', { filing: filingLabel(filing) }) : ''}</Text>
          <TextInput label={t('ipfilings.fields.approver')} withAsterisk data-autofocus maxLength={30} {...form.getInputProps('approver')} />
          <DateField label={t('ipfilings.fields.approvedOn')} withAsterisk clearable={false} {...form.getInputProps('approvedOn')} />
        </>
      )}
    </ActionModal>
  );
}

/** 驳回 with the reason, for a 待审批 filing. */
export function RejectModal({ filing, onClose }: { filing: IpFiling | null; onClose(): void }) {
  const { t } = useTranslation();
  const { reject } = useFilingMutations();
  return (
    <ActionModal<{ reason: string }>
      opened={filing !== null}
      title={t('ipfilings.reject.title', { number: filing?.number ?? '' })}
      initialValues={{ reason: '' }}
      confirmLabel={t('ipfilings.reject.confirm')}
      confirmColor="red"
      pending={reject.isPending}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        if (!filing) return;
        const done = await reject.mutateAsync({ filing, reason });
        notifications.show({ color: 'green', message: t('ipfilings.reject.done', { number: done.number }) });
      }}
    >
      {(form) => (
        <>
          <Text size="sm">{filing ? t('ipfilings.reject.body', { filing: filingLabel(filing) }) : ''}</Text>
          <Textarea
            label={t('ipfilings.reject.reason')}
            placeholder={t('ipfilings.reject.placeholder')}
            withAsterisk
            data-autofocus
            autosize
            minRows={2}
            maxLength={200}
            {...form.getInputProps('reason')}
          />
        </>
      )}
    </ActionModal>
  );
}

/**
 * 撤销: the filing stops allowing access from the day given, for good (a new filing is needed to
 * allow it again); a 待审批 application is withdrawn the same way. Also the departure checklist's action.
 */
export function RevokeModal({ filing, onClose, onRevoked }: { filing: IpFiling | null; onClose(): void; onRevoked?(f: IpFiling): void }) {
  const { t } = useTranslation();
  const { revoke } = useFilingMutations();
  const pending = filing?.state === '待审批';
  return (
    <ActionModal<{ reason: string; revokedOn: string | null }>
      opened={filing !== null}
      title={t(pending ? 'ipfilings.revoke.withdrawTitle' : 'ipfilings.revoke.title', { number: filing?.number ?? '' })}
      initialValues={{ reason: '', revokedOn: today() }}
      confirmLabel={t('ipfilings.revoke.confirm')}
      confirmColor="red"
      pending={revoke.isPending}
      onClose={onClose}
      onSubmit={async ({ reason, revokedOn }) => {
        if (!filing) return;
        const done = await revoke.mutateAsync({ filing, reason, revokedOn });
        notifications.show({ color: 'green', message: t('ipfilings.revoke.done', { number: done.number, date: done.revokedOn ?? '' }) });
        onRevoked?.(done);
      }}
    >
      {(form) => (
        <>
          <Text size="sm">{filing ? t('ipfilings.revoke.body', { filing: filingLabel(filing), addresses: filing.addresses.map((a) => a.text).join('、') }) : ''}</Text>
          <Alert color="red" variant="light">
            {t('ipfilings.revoke.irreversible')}
          </Alert>
          <Textarea
            label={t('ipfilings.revoke.reason')}
            placeholder={t('ipfilings.revoke.placeholder')}
            withAsterisk
            data-autofocus
            autosize
            minRows={2}
            maxLength={200}
            {...form.getInputProps('reason')}
          />
          <DateField label={t('ipfilings.revoke.date')} withAsterisk clearable={false} {...form.getInputProps('revokedOn')} />
        </>
      )}
    </ActionModal>
  );
}

/** The new period of a renewal: from the day after the old one ends (or today, if later), for as long as the old one ran. */
export function renewalPeriod(f: Pick<IpFiling, 'validFrom' | 'validTo'>, now: string): { validFrom: string; validTo: string } {
  const after = dayjs(f.validTo).add(1, 'day');
  const start = after.isAfter(dayjs(now)) ? after : dayjs(now);
  const days = Math.max(dayjs(f.validTo).diff(dayjs(f.validFrom), 'day'), 0);
  return { validFrom: start.format('YYYY-MM-DD'), validTo: start.add(days, 'day').format('YYYY-MM-DD') };
}

/** 续期: a new 待审批 filing copying this one for a new period, referencing it. */
export function RenewModal({ filing, onClose, onRenewed }: { filing: IpFiling | null; onClose(): void; onRenewed?(saved: SavedFiling): void }) {
  const { t } = useTranslation();
  const { renew } = useFilingMutations();
  const period = filing ? renewalPeriod(filing, today()) : { validFrom: '', validTo: '' };
  return (
    <ActionModal<{ validFrom: string | null; validTo: string | null; appliedOn: string | null }>
      opened={filing !== null}
      title={t('ipfilings.renew.title', { number: filing?.number ?? '' })}
      initialValues={{ ...period, appliedOn: today() }}
      confirmLabel={t('ipfilings.renew.confirm')}
      pending={renew.isPending}
      onClose={onClose}
      onSubmit={async ({ validFrom, validTo, appliedOn }) => {
        if (!filing) return;
        const saved = await renew.mutateAsync({ filing, validFrom: validFrom ?? '', validTo: validTo ?? '', appliedOn });
        notifications.show({ color: 'green', message: t('ipfilings.renew.done', { number: saved.filing.number, old: filing.number }) });
        onRenewed?.(saved);
      }}
    >
      {(form) => (
        <>
          <Text size="sm">{filing ? t('ipfilings.renew.body', { filing: filingLabel(filing), from: filing.validFrom, to: filing.validTo }) : ''}</Text>
          <DateField label={t('ipfilings.fields.validFrom')} withAsterisk clearable={false} data-autofocus {...form.getInputProps('validFrom')} />
          <DateField label={t('ipfilings.fields.validTo')} withAsterisk clearable={false} {...form.getInputProps('validTo')} />
          <DateField label={t('ipfilings.fields.appliedOn')} {...form.getInputProps('appliedOn')} />
        </>
      )}
    </ActionModal>
  );
}

import { Button } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseMediaNumber } from '../../../common/media';
import { api, unwrap } from '../../lib/api';
import type { ChecklistActionProps } from '../people/checklistActions';
import { MediumDetailDrawer } from './MediumDetailDrawer';

/** The 保密编号 of a media checklist item (`media:JZ-2026-0001`, `media:JZ-2026-0001:custodian`). */
export const numberOfItem = (key: string): string => key.replace(/^media:/, '').replace(/:custodian$/, '');

/**
 * Beside an open media item of a departure checklist: 打开介质, the medium's drawer over the
 * person's, where 归还 is recorded (or, for a medium the person keeps, a new 责任人 set); the
 * checklist reads again after each change.
 */
export function MediaChecklistAction({ item }: ChecklistActionProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const number = numberOfItem(item.key);
  const found = useQuery({
    queryKey: ['media:list', 'checklist', number],
    queryFn: () =>
      unwrap(
        api().media.list({
          q: number,
          kind: null,
          status: null,
          classification: null,
          holderId: null,
          responsibleId: null,
          orgId: null,
          contractId: null,
          voided: 'exclude',
          sort: 'number',
          dir: 'asc',
          page: 1,
          pageSize: 20,
        }),
      ),
  });
  const medium = found.data?.rows.find((m) => normaliseMediaNumber(m.number) === normaliseMediaNumber(number));
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconExternalLink size={12} />}
        disabled={!medium}
        loading={found.isPending}
        onClick={() => setOpen(true)}
        aria-label={t('media.checklist.openLabel', { number })}
      >
        {t('media.checklist.open')}
      </Button>
      <MediumDetailDrawer id={open && medium ? medium.id : null} onClose={() => setOpen(false)} />
    </>
  );
}

import { Button } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { normaliseMediaNumber } from '../../../common/media';
import { api, unwrap } from '../../lib/api';
import type { ChecklistActionProps } from '../people/checklistActions';
import { useUi } from '../../app/store';
import { useMediaView } from './store';

/** The 保密编号 of a media checklist item (`media:JZ-2026-0001`, `media:JZ-2026-0001:custodian`). */
export const numberOfItem = (key: string): string => key.replace(/^media:/, '').replace(/:custodian$/, '');

/**
 * Beside an open media item of a departure checklist: 打开介质 goes to 介质保管 with the medium's
 * drawer open, where 归还 is recorded (or, for a medium the person keeps, a new 责任人 set). The
 * drawer is not stacked on the person's: this button goes away as soon as the item is done, and
 * whatever it rendered with it.
 */
export function MediaChecklistAction({ item }: ChecklistActionProps) {
  const { t } = useTranslation();
  const goTo = useUi((s) => s.setPage);
  const open = useMediaView((s) => s.open);
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
    <Button
      size="compact-xs"
      variant="light"
      leftSection={<IconExternalLink size={12} />}
      disabled={!medium}
      loading={found.isPending}
      onClick={() => {
        if (!medium) return;
        open(medium.id);
        goTo('media');
      }}
      aria-label={t('media.checklist.openLabel', { number })}
    >
      {t('media.checklist.open')}
    </Button>
  );
}

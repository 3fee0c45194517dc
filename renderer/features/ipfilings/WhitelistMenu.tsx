import { Button, Menu, Progress } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFileText, IconListCheck, IconTable } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { IpFilingFilter } from '../../../common/api/ipfiling';
import type { WhitelistFormat } from '../../../common/ipfilings';
import { messageOf } from '../../lib/api';
import { useFilingMutations } from './queries';

const WORKING_ID = 'ipfilings-whitelist-working';

/**
 * 导出白名单: the addresses of the filings in force today that the list's unit, access method and
 * search pick, as merged CIDR text or CSV, saved where the officer chooses (audited by the core).
 * The core writes the file in the background: a notice with a progress bar shows it is working.
 */
export function WhitelistMenu(props: { filter: { q: string; orgId: number | null; accessMethod: IpFilingFilter['accessMethod'] } }) {
  const { t } = useTranslation();
  const { whitelist } = useFilingMutations();
  const onStarted = () =>
    notifications.show({
      id: WORKING_ID,
      title: t('ipfilings.whitelist.working'),
      message: <Progress value={100} animated striped aria-label={t('ipfilings.whitelist.working')} />,
      autoClose: false,
      withCloseButton: false,
    });
  const run = async (format: WhitelistFormat) => {
    try {
      const r = await whitelist.mutateAsync({ format, filter: props.filter, onStarted, failed: t('ipfilings.whitelist.failed') });
      if (r) {
        notifications.show({
          color: 'green',
          title: t('ipfilings.whitelist.saved', { path: r.path }),
          message: t(format === 'text' ? 'ipfilings.whitelist.savedText' : 'ipfilings.whitelist.savedCsv', { filings: r.filings, lines: r.lines }),
          autoClose: 8000,
        });
      }
    } catch (e) {
      notifications.show({ color: 'red', title: t('ipfilings.whitelist.failed'), message: messageOf(e), autoClose: 10_000 });
    } finally {
      notifications.hide(WORKING_ID);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal disabled={whitelist.isPending}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconListCheck size={16} />} rightSection={<IconChevronDown size={14} />} loading={whitelist.isPending}>
          {t('ipfilings.whitelist.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('ipfilings.whitelist.scope')}</Menu.Label>
        <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void run('text')}>
          {t('ipfilings.whitelist.text')}
        </Menu.Item>
        <Menu.Item leftSection={<IconTable size={16} />} onClick={() => void run('csv')}>
          {t('ipfilings.whitelist.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

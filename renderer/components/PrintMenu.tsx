import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFileSpreadsheet, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PrintMode } from './PrintDialog';

/** 打印与导出 for a register list: PDF, the system print dialog, and (with the permission) Excel. */
export function PrintMenu(props: { disabled: boolean; allowExport: boolean; label?: string; size?: 'xs' | 'sm'; onChoose(mode: PrintMode): void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size={props.size} leftSection={<IconPrinter size={16} />} rightSection={<IconChevronDown size={14} />} disabled={props.disabled}>
          {props.label ?? t('print.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconFileTypePdf size={16} />} onClick={() => props.onChoose('pdf')}>
          {t('print.pdf')}
        </Menu.Item>
        <Menu.Item leftSection={<IconPrinter size={16} />} onClick={() => props.onChoose('printer')}>
          {t('print.printer')}
        </Menu.Item>
        {props.allowExport && (
          <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => props.onChoose('xlsx')}>
            {t('print.xlsx')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

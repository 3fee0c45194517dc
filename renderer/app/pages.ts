import type { Icon } from '@tabler/icons-react';
import { IconBuildingCommunity } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../common/security/roles';
import { OrgListPage } from '../features/organisations/OrgListPage';

export interface PageDef {
  id: string;
  group: 'registers' | 'administration';
  label: string;
  icon: Icon;
  /** The page is listed only for accounts whose roles grant this. */
  permission: Permission;
  Page: ComponentType;
}

/** Every screen that exists; the navigation shows those the account may use. */
export const PAGES: PageDef[] = [
  { id: 'organisations', group: 'registers', label: 'nav.organisations', icon: IconBuildingCommunity, permission: 'registers.read', Page: OrgListPage },
];

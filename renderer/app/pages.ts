import type { Icon } from '@tabler/icons-react';
import { IconBuildingCommunity, IconClipboardCheck, IconDeviceSdCard, IconFileImport, IconLayoutDashboard, IconFileCertificate, IconIdBadge2, IconFileText, IconSchool, IconShieldCog, IconShieldSearch, IconUsers, IconSettings, IconWorldShare } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../common/security/roles';
import { AccountListPage } from '../features/accounts/AccountListPage';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { HomePage } from '../features/home/HomePage';
import { CommitmentTemplatesPage } from '../features/commitments/CommitmentTemplatesPage';
import { IpFilingListPage } from '../features/ipfilings/IpFilingListPage';
import { ImportPage } from '../features/import/ImportPage';
import { ContractListPage } from '../features/contracts/ContractListPage';
import { MediaListPage } from '../features/media/MediaListPage';
import { OrgListPage } from '../features/organisations/OrgListPage';
import { StocktakePage } from '../features/media/stocktake/StocktakePage';
import { PeopleListPage } from '../features/people/PeopleListPage';
import { PolicyPage } from '../features/policy/PolicyPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TrainingListPage } from '../features/trainings/TrainingListPage';

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
  { id: 'home', group: 'registers', label: 'nav.home', icon: IconLayoutDashboard, permission: 'registers.read', Page: HomePage },
  { id: 'organisations', group: 'registers', label: 'nav.organisations', icon: IconBuildingCommunity, permission: 'registers.read', Page: OrgListPage },
  { id: 'contracts', group: 'registers', label: 'nav.contracts', icon: IconFileText, permission: 'registers.read', Page: ContractListPage },
  { id: 'people', group: 'registers', label: 'nav.people', icon: IconIdBadge2, permission: 'registers.read', Page: PeopleListPage },
  { id: 'trainings', group: 'registers', label: 'nav.trainings', icon: IconSchool, permission: 'registers.read', Page: TrainingListPage },
  { id: 'commitments', group: 'registers', label: 'nav.commitments', icon: IconFileCertificate, permission: 'registers.read', Page: CommitmentTemplatesPage },
  { id: 'media', group: 'registers', label: 'nav.media', icon: IconDeviceSdCard, permission: 'registers.read', Page: MediaListPage },
  { id: 'stocktake', group: 'registers', label: 'nav.stocktake', icon: IconClipboardCheck, permission: 'registers.read', Page: StocktakePage },
  { id: 'ipfilings', group: 'registers', label: 'nav.ipfilings', icon: IconWorldShare, permission: 'registers.read', Page: IpFilingListPage },
  { id: 'import', group: 'registers', label: 'nav.import', icon: IconFileImport, permission: 'registers.write', Page: ImportPage },
  { id: 'accounts', group: 'administration', label: 'nav.accounts', icon: IconUsers, permission: 'accounts.read', Page: AccountListPage },
  { id: 'policy', group: 'administration', label: 'nav.policy', icon: IconShieldCog, permission: 'policy.manage', Page: PolicyPage },
  { id: 'audit', group: 'administration', label: 'nav.audit', icon: IconShieldSearch, permission: 'audit.read', Page: AuditLogPage },
  { id: 'settings', group: 'administration', label: 'nav.settings', icon: IconSettings, permission: 'settings.manage', Page: SettingsPage },
];

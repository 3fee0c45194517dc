import type { ContractStatus } from '../../../common/contracts';

export const STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'gray',
  active: 'green',
  expiring: 'orange',
  expired: 'red',
  terminated: 'dark',
};

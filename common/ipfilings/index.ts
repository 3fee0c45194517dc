/**
 * The access-IP filings register (访问IP报备): status derived from the dates, address conflicts
 * between filings, and the whitelist export. Address arithmetic is common/ip's.
 */
export * from './conflicts';
export * from './fields';
export * from './status';
export * from './whitelist';

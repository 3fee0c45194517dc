/**
 * Addresses for the access-IP filings register (访问IP报备): IPv4/IPv6 addresses, CIDR blocks
 * and ranges read under an explicit policy (address.ts), stored as fixed-width hex bounds,
 * compared, covered by CIDR blocks and classified; MAC addresses (mac.ts).
 */
export { BITS, formatAddress, isBlank, MAX_ENTRY_LENGTH, parseAddress, toAddress, toEntry, toHex } from './address';
export { classesOf, classify, type IpClass, type IpClassification } from './classify';
export { formatIpv4 } from './ipv4';
export { formatIpv6 } from './ipv6';
export { parseAddressList, type AddressList, type AddressListItem } from './list';
export { parseMac, type MacParse } from './mac';
export { boundsOf, checkBounds, contains, containsAddress, coverRange, entryToCidrs, overlaps, rangeToCidrs, type Block } from './ranges';
export { IpAddressError, type IpEntry, type IpEntryKind, type IpFamily, type IpParse } from './types';

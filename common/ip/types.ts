/** Types shared by the address modules of the access-IP filings register (访问IP报备). */

export type IpFamily = 4 | 6;
export type IpEntryKind = 'single' | 'cidr' | 'range';

/**
 * One parsed entry of an address field: a single address, a CIDR block or a range.
 *
 * `start` and `end` are the first and last address as fixed-width lowercase hex (8 digits for
 * IPv4, 32 for IPv6), so that stored in TEXT columns their lexical order is their numeric order:
 * overlap is `a.start <= b.end AND b.start <= a.end` and containment
 * `outer.start <= inner.start AND inner.end <= outer.end`, within the same family.
 */
export interface IpEntry {
  family: IpFamily;
  kind: IpEntryKind;
  /** Canonical text: `10.0.0.1`, `10.0.0.0/8`, `10.0.0.1-10.0.0.9`, `2001:db8::/32`. */
  text: string;
  start: string;
  end: string;
  /** Prefix length, for kind 'cidr' only. */
  prefix?: number;
  /** Corrections made while reading the typed text, in Chinese, for the form to show. */
  notes: string[];
}

export type IpParse = { ok: true; value: IpEntry } | { ok: false; message: string };

/**
 * The only error the address functions throw, for input they cannot use (text that is not an
 * address, an entry record whose bounds are damaged). The message is user-facing Chinese.
 */
export class IpAddressError extends RangeError {
  override name = 'IpAddressError';
}

/** Why one address within an entry cannot be read (internal to the parsers). */
export interface PartProblem {
  /** Reads after the typed text: "010.1.1.1 含前导零，…". */
  problem: string;
  /** The address the person most likely meant, when that is clear. */
  fix?: string;
}

export type PartParse<T> = { ok: true; value: T } | { ok: false; error: PartProblem };

import type { Migration } from '../core/migrate';
import { m0001 } from './0001_foundation';
import { m0002 } from './0002_audit_chain';
import { m0003 } from './0003_accounts';
import { m0004 } from './0004_audit_anchor';
import { m0005 } from './0005_attachments';
import { m0006 } from './0006_org_name_key';
import { m0007 } from './0007_contracts';
import { m0008 } from './0008_audit_target_index';
import { m0009 } from './0009_obligations';
import { m0010 } from './0010_people';
import { m0011 } from './0011_commitment_templates';
import { m0012 } from './0012_media';
import { m0013 } from './0013_ip_filings';
import { m0014 } from './0014_stocktake';
import { m0015 } from './0015_findings';
import { m0016 } from './0016_search_indexes';

/** Numbered, in order. Shipped migrations are never edited: add a new one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016];

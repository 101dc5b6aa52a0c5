import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_sync_clients'
import * as m0003 from './0003_search'
import * as m0004 from './0004_devices'
import * as m0005 from './0005_activities'
import * as m0006 from './0006_activity_cancel_reason'
import * as m0007 from './0007_check_in_window'
import * as m0008 from './0008_known_browsers'
import * as m0011 from './0011_organization_closure'
import * as m0012 from './0012_sync_device_actor'
import * as m0013 from './0013_credit_hours'
import * as m0014 from './0014_verification_codes'
import * as m0015 from './0015_notices'
import * as m0016 from './0016_region_search'
import * as m0017 from './0017_volunteer'
import * as m0018 from './0018_hubs_requests'
import * as m0019 from './0019_sync_budget'

/** Static list: works the same under vitest, tsx and a bundle. Append only. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_sync_clients': m0002,
  '0003_search': m0003,
  '0004_devices': m0004,
  '0005_activities': m0005,
  '0006_activity_cancel_reason': m0006,
  '0007_check_in_window': m0007,
  '0008_known_browsers': m0008,
  '0011_organization_closure': m0011,
  '0012_sync_device_actor': m0012,
  '0013_credit_hours': m0013,
  '0014_verification_codes': m0014,
  '0015_notices': m0015,
  '0016_region_search': m0016,
  '0017_volunteer': m0017,
  '0018_hubs_requests': m0018,
  '0019_sync_budget': m0019,
}

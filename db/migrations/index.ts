import type { Migration } from 'kysely';
import * as dataModel from './2026_11_27_001_data_model';
import * as rowLevelSecurity from './2026_11_27_002_row_level_security';
import * as coveringIndexes from './2026_11_27_003_covering_indexes';
import * as activityWeekly from './2026_11_27_004_activity_weekly';
import * as planCompliance from './2026_11_30_005_plan_compliance';
import * as setup from './2026_11_30_006_setup';
import * as riskIndicators from './2026_11_30_007_risk_indicators';
import * as loadBasis from './2026_11_30_008_load_basis';
import * as metricBasis from './2026_11_30_009_metric_basis';
import * as signalTuning from './2026_12_01_010_signal_tuning';
import * as activityCopies from './2026_12_01_011_activity_copies';
import * as healthShape from './2026_12_01_012_health_shape';
import * as dataVersions from './2026_12_01_013_data_versions';
import * as liveEvents from './2026_12_01_014_live_events';
import * as citusKeys from './2026_12_01_015_citus_keys';

// Listed statically (not read from the folder at run time) so the same set runs
// under tsx, jest and a bundled build. Names sort in the order they apply.
export const migrations: Record<string, Migration> = {
  '2026_11_27_001_data_model': dataModel,
  '2026_11_27_002_row_level_security': rowLevelSecurity,
  '2026_11_27_003_covering_indexes': coveringIndexes,
  '2026_11_27_004_activity_weekly': activityWeekly,
  '2026_11_30_005_plan_compliance': planCompliance,
  '2026_11_30_006_setup': setup,
  '2026_11_30_007_risk_indicators': riskIndicators,
  '2026_11_30_008_load_basis': loadBasis,
  '2026_11_30_009_metric_basis': metricBasis,
  '2026_12_01_010_signal_tuning': signalTuning,
  '2026_12_01_011_activity_copies': activityCopies,
  '2026_12_01_012_health_shape': healthShape,
  '2026_12_01_013_data_versions': dataVersions,
  '2026_12_01_014_live_events': liveEvents,
  '2026_12_01_015_citus_keys': citusKeys,
};

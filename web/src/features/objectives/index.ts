// What other features may use of objectives: their labels, reading one, and refreshing every view after a change.
export { levelLabels } from './utils/status';
export { useInvalidateOkrs, useObjective } from './api/objectives';

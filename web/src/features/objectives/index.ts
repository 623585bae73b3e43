// What other features may use of objectives: their labels.
export { levelLabels } from './utils/status';

// What other features may use of check-ins: the check-in dialog.
export { CheckInDialog } from './components/check-in-dialog';
export { useCheckIns } from './api/check-ins';

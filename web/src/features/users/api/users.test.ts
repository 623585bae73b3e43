import { pickerLabels } from './users';

it('adds the email only where two people share a name', () => {
  const labels = pickerLabels([
    { id: '1', displayName: 'Alex Kim', email: 'alex.kim@demo.okr' },
    { id: '2', displayName: 'alex kim', email: 'akim@demo.okr' },
    { id: '3', displayName: 'Priya Patel', email: 'priya@demo.okr' },
    { id: '4', displayName: 'Sam Rivera', email: null },
    { id: '5', displayName: 'Sam Rivera', email: null },
  ]);
  expect(labels.get('1')).toBe('Alex Kim (alex.kim@demo.okr)');
  expect(labels.get('2')).toBe('alex kim (akim@demo.okr)');
  expect(labels.get('3')).toBe('Priya Patel');
  expect(labels.get('4')).toBe('Sam Rivera');
});

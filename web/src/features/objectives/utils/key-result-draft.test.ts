import { emptyKeyResult, toRequest } from './key-result-draft';

describe('toRequest', () => {
  it('turns "Reduce churn from 8% to 5%" into a decreasing percent metric', () => {
    const request = toRequest({ ...emptyKeyResult(), title: ' Reduce churn from 8% to 5% ', direction: 'decrease', baseline: '8', target: '5', unit: 'percent' });
    expect(request).toMatchObject({ title: 'Reduce churn from 8% to 5%', type: 'metric', direction: 'decrease', baseline: 8, target: 5, unit: 'percent', currencyCode: null });
  });

  it('sends a milestone without numbers', () => {
    expect(toRequest({ ...emptyKeyResult(), title: 'Launch', type: 'milestone', baseline: '3' })).toMatchObject({ type: 'milestone', unit: 'milestone', baseline: null, target: null, direction: undefined });
  });

  it('keeps empty numbers empty so the API can name the missing field', () => {
    expect(toRequest({ ...emptyKeyResult(), title: 'x' })).toMatchObject({ baseline: null, target: null });
  });

  it('accepts decimal commas, custom units and currency codes', () => {
    expect(toRequest({ ...emptyKeyResult(), title: 'x', baseline: '7,2', target: '8,5', unit: 'custom', customUnit: 'points' })).toMatchObject({ baseline: 7.2, target: 8.5, unit: 'points' });
    expect(toRequest({ ...emptyKeyResult(), title: 'x', unit: 'currency', currencyCode: 'usd' }).currencyCode).toBe('USD');
  });
});

import { describe, expect, it } from 'vitest';
import { fieldWords, humanise } from './messages';

describe('humanise', () => {
  it('turns the API field names into words', () => {
    expect(humanise("'title' must not be empty.")).toBe('Title is required.');
    expect(humanise("'endDate' must not be before 'startDate'.")).toBe('End date must not be before start date.');
    expect(humanise("'keyResults[0].target' must be between 0 and 10. You entered 12.")).toBe('Target must be between 0 and 10 (you entered 12).');
    expect(humanise("'displayName' must be 200 characters or fewer. You entered 201 characters.")).toBe('Name must be at most 200 characters (you entered 201).');
  });

  it('leaves a sentence already written for people as it is', () => {
    expect(humanise('Keep to at most 25 key results: focus on the few that matter.')).toBe('Keep to at most 25 key results: focus on the few that matter.');
    expect(humanise("An objective cannot move from 'draft' to 'closed'.")).toBe('An objective cannot move from draft to closed.');
  });

  it('names fields without their ids and indexes', () => {
    expect(fieldWords('ownerId')).toBe('owner');
    expect(fieldWords('teams[1].teamId')).toBe('team');
  });
});

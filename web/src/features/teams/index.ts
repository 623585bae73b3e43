// What other features may use of teams: the team queries.
export * from './api/teams';

// What other features may use of people: the user queries.
export * from './api/users';

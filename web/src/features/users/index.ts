// What other features may use of people: the user queries, and a name that links to the person's page.
export * from './api/users';
export { PersonLink } from './components/person-link';

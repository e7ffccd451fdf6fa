export * from './free-mail.ts';
export * from './normalize.ts';
export * from './page-identity.ts';
export * from './person-name.ts';

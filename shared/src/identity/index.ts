export * from './free-mail.ts';
export * from './normalize.ts';

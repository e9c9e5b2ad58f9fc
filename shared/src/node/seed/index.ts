export * from './password.ts';
export * from './seed.ts';

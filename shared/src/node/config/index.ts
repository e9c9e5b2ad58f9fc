export * from './dotenv.ts';
export * from './jwtSecret.ts';
export * from './load.ts';
export * from './schemas.ts';

export * from './alert-schema';

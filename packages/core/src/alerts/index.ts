export * from './alert-schema';
export * from './evaluate-alert';

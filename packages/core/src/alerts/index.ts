export * from './alert-schema';
export * from './evaluate-alert';
export * from './alert-state-change';

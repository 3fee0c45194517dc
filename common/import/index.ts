export * from './values';
export * from './registers';
export * from './headers';

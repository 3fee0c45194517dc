/** The storage-media register (存储介质): kinds, 密级, 保密编号 patterns and the custody state machine. */
export * from './kinds';
export * from './numbering';
export * from './events';
export * from './machine';

export * from './common';
export * from './staff';
export * from './cases';
export * from './grades';
export * from './templates';
export * from './audits';
export * from './actions';
export * from './trail';

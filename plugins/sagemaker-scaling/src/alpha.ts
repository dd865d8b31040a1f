export { default } from './alpha/plugin';
export * from './alpha/plugin';

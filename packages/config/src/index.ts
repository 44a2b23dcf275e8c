export * from './core.js';
export { parseConfigFile, readTextFile } from './file.js';

export { createTlsUpgrade } from './upgrade.js';
export type { TlsUpgrade } from './upgrade.js';
export { loadTls, TlsConfigError } from './context.js';
export type { LoadedTls } from './context.js';

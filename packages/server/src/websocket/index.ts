export { startWebsocket } from './listener.js';
export type { WebsocketListener } from './listener.js';

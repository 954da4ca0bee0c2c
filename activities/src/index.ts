/** The shared core for activity authors. */
export * from './bridge/protocol.js';
export { BridgeController, type ConnectionStatus, type BridgeClientOptions } from './bridge/client.js';
export { MagElement } from './base/mag-element.js';
export { defineElement } from './base/define.js';
export { themeTokens } from './base/theme.js';
export * from './i18n/localize.js';
export { VERSION } from './version.js';

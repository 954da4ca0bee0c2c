/** The host SDK, built as `mag-host.js` for LMS pages (the reference host, Moodle's glue). */
export { BridgeHost, BridgeError } from './host.js';
export type { BridgeHostOptions, CallInfo, FallbackHandler, Handler, HostContext, HostInfo } from './host.js';
export { PROTOCOL_VERSION, ERROR_CODES, type ErrorCode } from '../bridge/protocol.js';

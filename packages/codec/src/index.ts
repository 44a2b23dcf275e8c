export { Parser, DEFAULT_MAX_CONTROL_LINE, DEFAULT_MAX_PAYLOAD } from './parser.js';
export type { OpHandler, ParserOptions } from './parser.js';
export type { PubHandler } from './fast-pub.js';
export type {
  Op,
  OpKind,
  PeerKind,
  InfoOp,
  ConnectOp,
  PubOp,
  HpubOp,
  SubOp,
  UnsubOp,
  MsgOp,
  HmsgOp,
  RmsgOp,
  RouteSubOp,
  RouteUnsubOp,
  LeafSubOp,
  LeafUnsubOp,
  AccountSubOp,
  AccountUnsubOp,
  PingOp,
  PongOp,
  OkOp,
  ErrOp,
} from './ops.js';
export { ProtocolErrorCode, ErrText } from './errors.js';
export type { ProtocolError } from './errors.js';
export {
  encode,
  encodeInfo,
  encodeConnect,
  encodePub,
  encodeHpub,
  encodeSub,
  encodeUnsub,
  encodeErr,
  encodeMsg,
  encodeRmsg,
  msgFrameLength,
  writeMsg,
  PING_FRAME,
  PONG_FRAME,
  OK_FRAME,
} from './encoder.js';
export { MsgHeaders, HeadersError } from './headers.js';
export { decimalDigits, utf8Length, Viewer, writeDecimal, writeString } from './bytes.js';
export type { HeaderMatch } from './headers.js';
export type { ServerInfo, ConnectOptions, SubjectPermission } from './json.js';

/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tsnats = $root.tsnats = (() => {

    /**
     * Namespace tsnats.
     * @exports tsnats
     * @namespace
     */
    const tsnats = {};

    tsnats.rpc = (function() {

        /**
         * Namespace rpc.
         * @memberof tsnats
         * @namespace
         */
        const rpc = {};

        rpc.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof tsnats.rpc
             * @namespace
             */
            const v1 = {};

            v1.StreamStorage = (function() {

                /**
                 * Constructs a new StreamStorage service.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a StreamStorage
                 * @extends $protobuf.rpc.Service
                 * @constructor
                 * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
                 * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
                 * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
                 */
                const StreamStorage = function(rpcImpl, requestDelimited, responseDelimited) {
                    $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
                };

                $Object.defineProperty(StreamStorage.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: StreamStorage, writable: true, enumerable: false, configurable: true });

                /**
                 * Callback as used by {@link tsnats.rpc.v1.StreamStorage#link}.
                 * @memberof tsnats.rpc.v1.StreamStorage
                 * @typedef LinkCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {tsnats.rpc.v1.StoreFrame} [response] StoreFrame
                 */

                /**
                 * Calls Link.
                 * @memberof tsnats.rpc.v1.StreamStorage
                 * @typedef Link
                 * @type {{
                 *   (request: tsnats.rpc.v1.IEdgeFrame, callback: tsnats.rpc.v1.StreamStorage.LinkCallback): void;
                 *   (request: tsnats.rpc.v1.IEdgeFrame): Promise<tsnats.rpc.v1.StoreFrame>;
                 *   readonly name: "Link";
                 *   readonly path: "/tsnats.rpc.v1.StreamStorage/Link";
                 *   readonly requestType: "EdgeFrame";
                 *   readonly responseType: "StoreFrame";
                 *   readonly requestStream: true;
                 *   readonly responseStream: true;
                 * }}
                 */

                /**
                 * Calls Link.
                 * @name tsnats.rpc.v1.StreamStorage#link
                 * @type {tsnats.rpc.v1.StreamStorage.Link}
                 */
                $Object.defineProperties(StreamStorage.prototype.link = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, StreamStorage.prototype.link, $root.tsnats.rpc.v1.EdgeFrame, $root.tsnats.rpc.v1.StoreFrame, request, callback);
                }, {
                    name: { value: "Link" },
                    path: { value: "/tsnats.rpc.v1.StreamStorage/Link" },
                    requestType: { value: "EdgeFrame" },
                    responseType: { value: "StoreFrame" },
                    requestStream: { value: true },
                    responseStream: { value: true }
                });

                /**
                 * Callback as used by {@link tsnats.rpc.v1.StreamStorage#api}.
                 * @memberof tsnats.rpc.v1.StreamStorage
                 * @typedef ApiCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {tsnats.rpc.v1.ApiReply} [response] ApiReply
                 */

                /**
                 * Calls Api.
                 * @memberof tsnats.rpc.v1.StreamStorage
                 * @typedef Api
                 * @type {{
                 *   (request: tsnats.rpc.v1.IApiRequest, callback: tsnats.rpc.v1.StreamStorage.ApiCallback): void;
                 *   (request: tsnats.rpc.v1.IApiRequest): Promise<tsnats.rpc.v1.ApiReply>;
                 *   readonly name: "Api";
                 *   readonly path: "/tsnats.rpc.v1.StreamStorage/Api";
                 *   readonly requestType: "ApiRequest";
                 *   readonly responseType: "ApiReply";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls Api.
                 * @name tsnats.rpc.v1.StreamStorage#api
                 * @type {tsnats.rpc.v1.StreamStorage.Api}
                 */
                $Object.defineProperties(StreamStorage.prototype.api = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, StreamStorage.prototype.api, $root.tsnats.rpc.v1.ApiRequest, $root.tsnats.rpc.v1.ApiReply, request, callback);
                }, {
                    name: { value: "Api" },
                    path: { value: "/tsnats.rpc.v1.StreamStorage/Api" },
                    requestType: { value: "ApiRequest" },
                    responseType: { value: "ApiReply" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                /**
                 * Callback as used by {@link tsnats.rpc.v1.StreamStorage#health}.
                 * @memberof tsnats.rpc.v1.StreamStorage
                 * @typedef HealthCallback
                 * @type {function}
                 * @param {Error|null} error Error, if any
                 * @param {tsnats.rpc.v1.HealthReply} [response] HealthReply
                 */

                /**
                 * Calls Health.
                 * @memberof tsnats.rpc.v1.StreamStorage
                 * @typedef Health
                 * @type {{
                 *   (request: tsnats.rpc.v1.IHealthRequest, callback: tsnats.rpc.v1.StreamStorage.HealthCallback): void;
                 *   (request: tsnats.rpc.v1.IHealthRequest): Promise<tsnats.rpc.v1.HealthReply>;
                 *   readonly name: "Health";
                 *   readonly path: "/tsnats.rpc.v1.StreamStorage/Health";
                 *   readonly requestType: "HealthRequest";
                 *   readonly responseType: "HealthReply";
                 *   readonly requestStream: undefined;
                 *   readonly responseStream: undefined;
                 * }}
                 */

                /**
                 * Calls Health.
                 * @name tsnats.rpc.v1.StreamStorage#health
                 * @type {tsnats.rpc.v1.StreamStorage.Health}
                 */
                $Object.defineProperties(StreamStorage.prototype.health = function(request, callback) {
                    return $protobuf.rpc.Service.prototype.rpcCall.call(this, StreamStorage.prototype.health, $root.tsnats.rpc.v1.HealthRequest, $root.tsnats.rpc.v1.HealthReply, request, callback);
                }, {
                    name: { value: "Health" },
                    path: { value: "/tsnats.rpc.v1.StreamStorage/Health" },
                    requestType: { value: "HealthRequest" },
                    responseType: { value: "HealthReply" },
                    requestStream: { value: $undefined },
                    responseStream: { value: $undefined }
                });

                return StreamStorage;
            })();

            v1.Msg = (function() {

                /**
                 * Properties of a Msg.
                 * @typedef {Object} tsnats.rpc.v1.Msg.$Properties
                 * @property {string|null} [subject] Msg subject
                 * @property {string|null} [reply] Msg reply
                 * @property {Uint8Array|null} [headers] Msg headers
                 * @property {Uint8Array|null} [payload] Msg payload
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Msg.
                 * @memberof tsnats.rpc.v1
                 * @interface IMsg
                 * @augments tsnats.rpc.v1.Msg.$Properties
                 * @deprecated Use tsnats.rpc.v1.Msg.$Properties instead.
                 */

                /**
                 * Shape of a Msg.
                 * @typedef {tsnats.rpc.v1.Msg.$Properties} tsnats.rpc.v1.Msg.$Shape
                 */

                /**
                 * Constructs a new Msg.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a Msg.
                 * @constructor
                 * @param {tsnats.rpc.v1.Msg.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Msg = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Msg subject.
                 * @member {string} subject
                 * @memberof tsnats.rpc.v1.Msg
                 * @instance
                 */
                Msg.prototype.subject = "";

                /**
                 * Msg reply.
                 * @member {string} reply
                 * @memberof tsnats.rpc.v1.Msg
                 * @instance
                 */
                Msg.prototype.reply = "";

                /**
                 * Msg headers.
                 * @member {Uint8Array|null|undefined} headers
                 * @memberof tsnats.rpc.v1.Msg
                 * @instance
                 */
                Msg.prototype.headers = null;

                /**
                 * Msg payload.
                 * @member {Uint8Array} payload
                 * @memberof tsnats.rpc.v1.Msg
                 * @instance
                 */
                Msg.prototype.payload = $util.newBuffer([]);

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Msg.prototype, "_headers", {
                    get: $util.oneOfGetter($oneOfFields = ["headers"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified Msg message. Does not implicitly {@link tsnats.rpc.v1.Msg.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.Msg
                 * @static
                 * @param {tsnats.rpc.v1.Msg.$Properties} message Msg message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Msg.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.subject);
                    if (message.reply != null && $Object.hasOwnProperty.call(message, "reply") && message.reply !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.reply);
                    if (message.headers != null && $Object.hasOwnProperty.call(message, "headers"))
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.headers);
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                        writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.payload);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Msg message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.Msg
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Msg & tsnats.rpc.v1.Msg.$Shape} Msg
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Msg.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.Msg();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.subject = value;
                                else
                                    delete message.subject;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reply = value;
                                else
                                    delete message.reply;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.headers = reader.bytes();
                                message._headers = "headers";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.payload = value;
                                else
                                    delete message.payload;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for Msg
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.Msg
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Msg.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.Msg";
                };

                return Msg;
            })();

            v1.EdgeFrame = (function() {

                /**
                 * Properties of an EdgeFrame.
                 * @typedef {Object} tsnats.rpc.v1.EdgeFrame.$Properties
                 * @property {Array.<tsnats.rpc.v1.EdgeOp.$Properties>|null} [ops] EdgeFrame ops
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an EdgeFrame.
                 * @memberof tsnats.rpc.v1
                 * @interface IEdgeFrame
                 * @augments tsnats.rpc.v1.EdgeFrame.$Properties
                 * @deprecated Use tsnats.rpc.v1.EdgeFrame.$Properties instead.
                 */

                /**
                 * Shape of an EdgeFrame.
                 * @typedef {{
                 *   ops?: Array.<tsnats.rpc.v1.EdgeOp.$Shape>|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} tsnats.rpc.v1.EdgeFrame.$Shape
                 */

                /**
                 * Constructs a new EdgeFrame.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents an EdgeFrame.
                 * @constructor
                 * @param {tsnats.rpc.v1.EdgeFrame.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const EdgeFrame = function (properties) {
                    this.ops = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * EdgeFrame ops.
                 * @member {Array.<tsnats.rpc.v1.EdgeOp.$Properties>} ops
                 * @memberof tsnats.rpc.v1.EdgeFrame
                 * @instance
                 */
                EdgeFrame.prototype.ops = $util.emptyArray;

                /**
                 * Encodes the specified EdgeFrame message. Does not implicitly {@link tsnats.rpc.v1.EdgeFrame.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.EdgeFrame
                 * @static
                 * @param {tsnats.rpc.v1.EdgeFrame.$Properties} message EdgeFrame message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                EdgeFrame.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.ops != null && message.ops.length)
                        for (let i = 0; i < message.ops.length; ++i)
                            $root.tsnats.rpc.v1.EdgeOp.encode(message.ops[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an EdgeFrame message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.EdgeFrame
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.EdgeFrame & tsnats.rpc.v1.EdgeFrame.$Shape} EdgeFrame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                EdgeFrame.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.EdgeFrame();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.ops && message.ops.length))
                                    message.ops = [];
                                message.ops.push($root.tsnats.rpc.v1.EdgeOp.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for EdgeFrame
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.EdgeFrame
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                EdgeFrame.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.EdgeFrame";
                };

                return EdgeFrame;
            })();

            v1.EdgeOp = (function() {

                /**
                 * Properties of an EdgeOp.
                 * @typedef {Object} tsnats.rpc.v1.EdgeOp.$Properties
                 * @property {tsnats.rpc.v1.Hello.$Properties|null} [hello] EdgeOp hello
                 * @property {tsnats.rpc.v1.Interest.$Properties|null} [interest] EdgeOp interest
                 * @property {tsnats.rpc.v1.Delivery.$Properties|null} [deliver] EdgeOp deliver
                 * @property {"hello"|"interest"|"deliver"} [op] EdgeOp op
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an EdgeOp.
                 * @memberof tsnats.rpc.v1
                 * @interface IEdgeOp
                 * @augments tsnats.rpc.v1.EdgeOp.$Properties
                 * @deprecated Use tsnats.rpc.v1.EdgeOp.$Properties instead.
                 */

                /**
                 * Narrowed shape of an EdgeOp.
                 * @typedef {{
                 *   hello?: tsnats.rpc.v1.Hello.$Shape|null;
                 *   interest?: tsnats.rpc.v1.Interest.$Shape|null;
                 *   deliver?: tsnats.rpc.v1.Delivery.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ op?: undefined; hello?: null; interest?: null; deliver?: null }|{ op?: "hello"; hello: tsnats.rpc.v1.Hello.$Shape; interest?: null; deliver?: null }|{ op?: "interest"; hello?: null; interest: tsnats.rpc.v1.Interest.$Shape; deliver?: null }|{ op?: "deliver"; hello?: null; interest?: null; deliver: tsnats.rpc.v1.Delivery.$Shape })
                 * )} tsnats.rpc.v1.EdgeOp.$Shape
                 */

                /**
                 * Constructs a new EdgeOp.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents an EdgeOp.
                 * @constructor
                 * @param {tsnats.rpc.v1.EdgeOp.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const EdgeOp = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * EdgeOp hello.
                 * @member {tsnats.rpc.v1.Hello.$Properties|null|undefined} hello
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @instance
                 */
                EdgeOp.prototype.hello = null;

                /**
                 * EdgeOp interest.
                 * @member {tsnats.rpc.v1.Interest.$Properties|null|undefined} interest
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @instance
                 */
                EdgeOp.prototype.interest = null;

                /**
                 * EdgeOp deliver.
                 * @member {tsnats.rpc.v1.Delivery.$Properties|null|undefined} deliver
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @instance
                 */
                EdgeOp.prototype.deliver = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * EdgeOp op.
                 * @member {"hello"|"interest"|"deliver"|undefined} op
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @instance
                 */
                $Object.defineProperty(EdgeOp.prototype, "op", {
                    get: $util.oneOfGetter($oneOfFields = ["hello", "interest", "deliver"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified EdgeOp message. Does not implicitly {@link tsnats.rpc.v1.EdgeOp.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @static
                 * @param {tsnats.rpc.v1.EdgeOp.$Properties} message EdgeOp message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                EdgeOp.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                        $root.tsnats.rpc.v1.Hello.encode(message.hello, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.interest != null && $Object.hasOwnProperty.call(message, "interest"))
                        $root.tsnats.rpc.v1.Interest.encode(message.interest, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.deliver != null && $Object.hasOwnProperty.call(message, "deliver"))
                        $root.tsnats.rpc.v1.Delivery.encode(message.deliver, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an EdgeOp message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.EdgeOp & tsnats.rpc.v1.EdgeOp.$Shape} EdgeOp
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                EdgeOp.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.EdgeOp();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.hello = $root.tsnats.rpc.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                                message.op = "hello";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.interest = $root.tsnats.rpc.v1.Interest.decode(reader, reader.size(), $undefined, _depth + 1, message.interest);
                                message.op = "interest";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.deliver = $root.tsnats.rpc.v1.Delivery.decode(reader, reader.size(), $undefined, _depth + 1, message.deliver);
                                message.op = "deliver";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for EdgeOp
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.EdgeOp
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                EdgeOp.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.EdgeOp";
                };

                return EdgeOp;
            })();

            v1.Hello = (function() {

                /**
                 * Properties of a Hello.
                 * @typedef {Object} tsnats.rpc.v1.Hello.$Properties
                 * @property {string|null} [edgeId] Hello edgeId
                 * @property {string|null} [serverName] Hello serverName
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Hello.
                 * @memberof tsnats.rpc.v1
                 * @interface IHello
                 * @augments tsnats.rpc.v1.Hello.$Properties
                 * @deprecated Use tsnats.rpc.v1.Hello.$Properties instead.
                 */

                /**
                 * Shape of a Hello.
                 * @typedef {tsnats.rpc.v1.Hello.$Properties} tsnats.rpc.v1.Hello.$Shape
                 */

                /**
                 * Constructs a new Hello.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a Hello.
                 * @constructor
                 * @param {tsnats.rpc.v1.Hello.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Hello = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Hello edgeId.
                 * @member {string} edgeId
                 * @memberof tsnats.rpc.v1.Hello
                 * @instance
                 */
                Hello.prototype.edgeId = "";

                /**
                 * Hello serverName.
                 * @member {string} serverName
                 * @memberof tsnats.rpc.v1.Hello
                 * @instance
                 */
                Hello.prototype.serverName = "";

                /**
                 * Encodes the specified Hello message. Does not implicitly {@link tsnats.rpc.v1.Hello.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.Hello
                 * @static
                 * @param {tsnats.rpc.v1.Hello.$Properties} message Hello message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Hello.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.edgeId != null && $Object.hasOwnProperty.call(message, "edgeId") && message.edgeId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.edgeId);
                    if (message.serverName != null && $Object.hasOwnProperty.call(message, "serverName") && message.serverName !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.serverName);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Hello message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.Hello
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Hello & tsnats.rpc.v1.Hello.$Shape} Hello
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Hello.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.Hello();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.edgeId = value;
                                else
                                    delete message.edgeId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.serverName = value;
                                else
                                    delete message.serverName;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for Hello
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.Hello
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Hello.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.Hello";
                };

                return Hello;
            })();

            v1.Interest = (function() {

                /**
                 * Properties of an Interest.
                 * @typedef {Object} tsnats.rpc.v1.Interest.$Properties
                 * @property {string|null} [subject] Interest subject
                 * @property {string|null} [queue] Interest queue
                 * @property {number|null} [delta] Interest delta
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Interest.
                 * @memberof tsnats.rpc.v1
                 * @interface IInterest
                 * @augments tsnats.rpc.v1.Interest.$Properties
                 * @deprecated Use tsnats.rpc.v1.Interest.$Properties instead.
                 */

                /**
                 * Shape of an Interest.
                 * @typedef {tsnats.rpc.v1.Interest.$Properties} tsnats.rpc.v1.Interest.$Shape
                 */

                /**
                 * Constructs a new Interest.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents an Interest.
                 * @constructor
                 * @param {tsnats.rpc.v1.Interest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Interest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Interest subject.
                 * @member {string} subject
                 * @memberof tsnats.rpc.v1.Interest
                 * @instance
                 */
                Interest.prototype.subject = "";

                /**
                 * Interest queue.
                 * @member {string} queue
                 * @memberof tsnats.rpc.v1.Interest
                 * @instance
                 */
                Interest.prototype.queue = "";

                /**
                 * Interest delta.
                 * @member {number} delta
                 * @memberof tsnats.rpc.v1.Interest
                 * @instance
                 */
                Interest.prototype.delta = 0;

                /**
                 * Encodes the specified Interest message. Does not implicitly {@link tsnats.rpc.v1.Interest.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.Interest
                 * @static
                 * @param {tsnats.rpc.v1.Interest.$Properties} message Interest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Interest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.subject);
                    if (message.queue != null && $Object.hasOwnProperty.call(message, "queue") && message.queue !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.queue);
                    if (message.delta != null && $Object.hasOwnProperty.call(message, "delta") && message.delta !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).sint32(message.delta);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Interest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.Interest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Interest & tsnats.rpc.v1.Interest.$Shape} Interest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Interest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.Interest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.subject = value;
                                else
                                    delete message.subject;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.queue = value;
                                else
                                    delete message.queue;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.sint32())
                                    message.delta = value;
                                else
                                    delete message.delta;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for Interest
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.Interest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Interest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.Interest";
                };

                return Interest;
            })();

            v1.Delivery = (function() {

                /**
                 * Properties of a Delivery.
                 * @typedef {Object} tsnats.rpc.v1.Delivery.$Properties
                 * @property {number|null} [sub] Delivery sub
                 * @property {tsnats.rpc.v1.Msg.$Properties|null} [msg] Delivery msg
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Delivery.
                 * @memberof tsnats.rpc.v1
                 * @interface IDelivery
                 * @augments tsnats.rpc.v1.Delivery.$Properties
                 * @deprecated Use tsnats.rpc.v1.Delivery.$Properties instead.
                 */

                /**
                 * Shape of a Delivery.
                 * @typedef {tsnats.rpc.v1.Delivery.$Properties} tsnats.rpc.v1.Delivery.$Shape
                 */

                /**
                 * Constructs a new Delivery.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a Delivery.
                 * @constructor
                 * @param {tsnats.rpc.v1.Delivery.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Delivery = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Delivery sub.
                 * @member {number} sub
                 * @memberof tsnats.rpc.v1.Delivery
                 * @instance
                 */
                Delivery.prototype.sub = 0;

                /**
                 * Delivery msg.
                 * @member {tsnats.rpc.v1.Msg.$Properties|null|undefined} msg
                 * @memberof tsnats.rpc.v1.Delivery
                 * @instance
                 */
                Delivery.prototype.msg = null;

                /**
                 * Encodes the specified Delivery message. Does not implicitly {@link tsnats.rpc.v1.Delivery.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.Delivery
                 * @static
                 * @param {tsnats.rpc.v1.Delivery.$Properties} message Delivery message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Delivery.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.sub != null && $Object.hasOwnProperty.call(message, "sub") && message.sub !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.sub);
                    if (message.msg != null && $Object.hasOwnProperty.call(message, "msg"))
                        $root.tsnats.rpc.v1.Msg.encode(message.msg, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Delivery message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.Delivery
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Delivery & tsnats.rpc.v1.Delivery.$Shape} Delivery
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Delivery.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.Delivery();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.sub = value;
                                else
                                    delete message.sub;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.msg = $root.tsnats.rpc.v1.Msg.decode(reader, reader.size(), $undefined, _depth + 1, message.msg);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for Delivery
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.Delivery
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Delivery.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.Delivery";
                };

                return Delivery;
            })();

            v1.StoreFrame = (function() {

                /**
                 * Properties of a StoreFrame.
                 * @typedef {Object} tsnats.rpc.v1.StoreFrame.$Properties
                 * @property {Array.<tsnats.rpc.v1.StoreOp.$Properties>|null} [ops] StoreFrame ops
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StoreFrame.
                 * @memberof tsnats.rpc.v1
                 * @interface IStoreFrame
                 * @augments tsnats.rpc.v1.StoreFrame.$Properties
                 * @deprecated Use tsnats.rpc.v1.StoreFrame.$Properties instead.
                 */

                /**
                 * Shape of a StoreFrame.
                 * @typedef {{
                 *   ops?: Array.<tsnats.rpc.v1.StoreOp.$Shape>|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} tsnats.rpc.v1.StoreFrame.$Shape
                 */

                /**
                 * Constructs a new StoreFrame.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a StoreFrame.
                 * @constructor
                 * @param {tsnats.rpc.v1.StoreFrame.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StoreFrame = function (properties) {
                    this.ops = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StoreFrame ops.
                 * @member {Array.<tsnats.rpc.v1.StoreOp.$Properties>} ops
                 * @memberof tsnats.rpc.v1.StoreFrame
                 * @instance
                 */
                StoreFrame.prototype.ops = $util.emptyArray;

                /**
                 * Encodes the specified StoreFrame message. Does not implicitly {@link tsnats.rpc.v1.StoreFrame.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.StoreFrame
                 * @static
                 * @param {tsnats.rpc.v1.StoreFrame.$Properties} message StoreFrame message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StoreFrame.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.ops != null && message.ops.length)
                        for (let i = 0; i < message.ops.length; ++i)
                            $root.tsnats.rpc.v1.StoreOp.encode(message.ops[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StoreFrame message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.StoreFrame
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.StoreFrame & tsnats.rpc.v1.StoreFrame.$Shape} StoreFrame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StoreFrame.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.StoreFrame();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.ops && message.ops.length))
                                    message.ops = [];
                                message.ops.push($root.tsnats.rpc.v1.StoreOp.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for StoreFrame
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.StoreFrame
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StoreFrame.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.StoreFrame";
                };

                return StoreFrame;
            })();

            v1.StoreOp = (function() {

                /**
                 * Properties of a StoreOp.
                 * @typedef {Object} tsnats.rpc.v1.StoreOp.$Properties
                 * @property {tsnats.rpc.v1.Subscribe.$Properties|null} [subscribe] StoreOp subscribe
                 * @property {number|null} [unsubscribe] StoreOp unsubscribe
                 * @property {tsnats.rpc.v1.Msg.$Properties|null} [publish] StoreOp publish
                 * @property {tsnats.rpc.v1.Deliver.$Properties|null} [deliver] StoreOp deliver
                 * @property {tsnats.rpc.v1.StoreHello.$Properties|null} [hello] StoreOp hello
                 * @property {"subscribe"|"unsubscribe"|"publish"|"deliver"|"hello"} [op] StoreOp op
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StoreOp.
                 * @memberof tsnats.rpc.v1
                 * @interface IStoreOp
                 * @augments tsnats.rpc.v1.StoreOp.$Properties
                 * @deprecated Use tsnats.rpc.v1.StoreOp.$Properties instead.
                 */

                /**
                 * Narrowed shape of a StoreOp.
                 * @typedef {{
                 *   subscribe?: tsnats.rpc.v1.Subscribe.$Shape|null;
                 *   unsubscribe?: number|null;
                 *   publish?: tsnats.rpc.v1.Msg.$Shape|null;
                 *   deliver?: tsnats.rpc.v1.Deliver.$Shape|null;
                 *   hello?: tsnats.rpc.v1.StoreHello.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ op?: undefined; subscribe?: null; unsubscribe?: null; publish?: null; deliver?: null; hello?: null }|{ op?: "subscribe"; subscribe: tsnats.rpc.v1.Subscribe.$Shape; unsubscribe?: null; publish?: null; deliver?: null; hello?: null }|{ op?: "unsubscribe"; subscribe?: null; unsubscribe: number; publish?: null; deliver?: null; hello?: null }|{ op?: "publish"; subscribe?: null; unsubscribe?: null; publish: tsnats.rpc.v1.Msg.$Shape; deliver?: null; hello?: null }|{ op?: "deliver"; subscribe?: null; unsubscribe?: null; publish?: null; deliver: tsnats.rpc.v1.Deliver.$Shape; hello?: null }|{ op?: "hello"; subscribe?: null; unsubscribe?: null; publish?: null; deliver?: null; hello: tsnats.rpc.v1.StoreHello.$Shape })
                 * )} tsnats.rpc.v1.StoreOp.$Shape
                 */

                /**
                 * Constructs a new StoreOp.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a StoreOp.
                 * @constructor
                 * @param {tsnats.rpc.v1.StoreOp.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StoreOp = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StoreOp subscribe.
                 * @member {tsnats.rpc.v1.Subscribe.$Properties|null|undefined} subscribe
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @instance
                 */
                StoreOp.prototype.subscribe = null;

                /**
                 * StoreOp unsubscribe.
                 * @member {number|null|undefined} unsubscribe
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @instance
                 */
                StoreOp.prototype.unsubscribe = null;

                /**
                 * StoreOp publish.
                 * @member {tsnats.rpc.v1.Msg.$Properties|null|undefined} publish
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @instance
                 */
                StoreOp.prototype.publish = null;

                /**
                 * StoreOp deliver.
                 * @member {tsnats.rpc.v1.Deliver.$Properties|null|undefined} deliver
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @instance
                 */
                StoreOp.prototype.deliver = null;

                /**
                 * StoreOp hello.
                 * @member {tsnats.rpc.v1.StoreHello.$Properties|null|undefined} hello
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @instance
                 */
                StoreOp.prototype.hello = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * StoreOp op.
                 * @member {"subscribe"|"unsubscribe"|"publish"|"deliver"|"hello"|undefined} op
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @instance
                 */
                $Object.defineProperty(StoreOp.prototype, "op", {
                    get: $util.oneOfGetter($oneOfFields = ["subscribe", "unsubscribe", "publish", "deliver", "hello"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified StoreOp message. Does not implicitly {@link tsnats.rpc.v1.StoreOp.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @static
                 * @param {tsnats.rpc.v1.StoreOp.$Properties} message StoreOp message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StoreOp.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.subscribe != null && $Object.hasOwnProperty.call(message, "subscribe"))
                        $root.tsnats.rpc.v1.Subscribe.encode(message.subscribe, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.unsubscribe != null && $Object.hasOwnProperty.call(message, "unsubscribe"))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.unsubscribe);
                    if (message.publish != null && $Object.hasOwnProperty.call(message, "publish"))
                        $root.tsnats.rpc.v1.Msg.encode(message.publish, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.deliver != null && $Object.hasOwnProperty.call(message, "deliver"))
                        $root.tsnats.rpc.v1.Deliver.encode(message.deliver, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                        $root.tsnats.rpc.v1.StoreHello.encode(message.hello, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StoreOp message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.StoreOp & tsnats.rpc.v1.StoreOp.$Shape} StoreOp
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StoreOp.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.StoreOp();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.subscribe = $root.tsnats.rpc.v1.Subscribe.decode(reader, reader.size(), $undefined, _depth + 1, message.subscribe);
                                message.op = "subscribe";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                message.unsubscribe = reader.uint32();
                                message.op = "unsubscribe";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.publish = $root.tsnats.rpc.v1.Msg.decode(reader, reader.size(), $undefined, _depth + 1, message.publish);
                                message.op = "publish";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.deliver = $root.tsnats.rpc.v1.Deliver.decode(reader, reader.size(), $undefined, _depth + 1, message.deliver);
                                message.op = "deliver";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.hello = $root.tsnats.rpc.v1.StoreHello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                                message.op = "hello";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for StoreOp
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.StoreOp
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StoreOp.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.StoreOp";
                };

                return StoreOp;
            })();

            v1.StoreHello = (function() {

                /**
                 * Properties of a StoreHello.
                 * @typedef {Object} tsnats.rpc.v1.StoreHello.$Properties
                 * @property {string|null} [storeId] StoreHello storeId
                 * @property {string|null} [serverName] StoreHello serverName
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StoreHello.
                 * @memberof tsnats.rpc.v1
                 * @interface IStoreHello
                 * @augments tsnats.rpc.v1.StoreHello.$Properties
                 * @deprecated Use tsnats.rpc.v1.StoreHello.$Properties instead.
                 */

                /**
                 * Shape of a StoreHello.
                 * @typedef {tsnats.rpc.v1.StoreHello.$Properties} tsnats.rpc.v1.StoreHello.$Shape
                 */

                /**
                 * Constructs a new StoreHello.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a StoreHello.
                 * @constructor
                 * @param {tsnats.rpc.v1.StoreHello.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StoreHello = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StoreHello storeId.
                 * @member {string} storeId
                 * @memberof tsnats.rpc.v1.StoreHello
                 * @instance
                 */
                StoreHello.prototype.storeId = "";

                /**
                 * StoreHello serverName.
                 * @member {string} serverName
                 * @memberof tsnats.rpc.v1.StoreHello
                 * @instance
                 */
                StoreHello.prototype.serverName = "";

                /**
                 * Encodes the specified StoreHello message. Does not implicitly {@link tsnats.rpc.v1.StoreHello.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.StoreHello
                 * @static
                 * @param {tsnats.rpc.v1.StoreHello.$Properties} message StoreHello message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StoreHello.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.storeId != null && $Object.hasOwnProperty.call(message, "storeId") && message.storeId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.storeId);
                    if (message.serverName != null && $Object.hasOwnProperty.call(message, "serverName") && message.serverName !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.serverName);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StoreHello message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.StoreHello
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.StoreHello & tsnats.rpc.v1.StoreHello.$Shape} StoreHello
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StoreHello.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.StoreHello();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.storeId = value;
                                else
                                    delete message.storeId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.serverName = value;
                                else
                                    delete message.serverName;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for StoreHello
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.StoreHello
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StoreHello.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.StoreHello";
                };

                return StoreHello;
            })();

            v1.Subscribe = (function() {

                /**
                 * Properties of a Subscribe.
                 * @typedef {Object} tsnats.rpc.v1.Subscribe.$Properties
                 * @property {number|null} [sub] Subscribe sub
                 * @property {string|null} [subject] Subscribe subject
                 * @property {string|null} [queue] Subscribe queue
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Subscribe.
                 * @memberof tsnats.rpc.v1
                 * @interface ISubscribe
                 * @augments tsnats.rpc.v1.Subscribe.$Properties
                 * @deprecated Use tsnats.rpc.v1.Subscribe.$Properties instead.
                 */

                /**
                 * Shape of a Subscribe.
                 * @typedef {tsnats.rpc.v1.Subscribe.$Properties} tsnats.rpc.v1.Subscribe.$Shape
                 */

                /**
                 * Constructs a new Subscribe.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a Subscribe.
                 * @constructor
                 * @param {tsnats.rpc.v1.Subscribe.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Subscribe = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Subscribe sub.
                 * @member {number} sub
                 * @memberof tsnats.rpc.v1.Subscribe
                 * @instance
                 */
                Subscribe.prototype.sub = 0;

                /**
                 * Subscribe subject.
                 * @member {string} subject
                 * @memberof tsnats.rpc.v1.Subscribe
                 * @instance
                 */
                Subscribe.prototype.subject = "";

                /**
                 * Subscribe queue.
                 * @member {string} queue
                 * @memberof tsnats.rpc.v1.Subscribe
                 * @instance
                 */
                Subscribe.prototype.queue = "";

                /**
                 * Encodes the specified Subscribe message. Does not implicitly {@link tsnats.rpc.v1.Subscribe.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.Subscribe
                 * @static
                 * @param {tsnats.rpc.v1.Subscribe.$Properties} message Subscribe message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Subscribe.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.sub != null && $Object.hasOwnProperty.call(message, "sub") && message.sub !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.sub);
                    if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.subject);
                    if (message.queue != null && $Object.hasOwnProperty.call(message, "queue") && message.queue !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.queue);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Subscribe message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.Subscribe
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Subscribe & tsnats.rpc.v1.Subscribe.$Shape} Subscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Subscribe.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.Subscribe();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.sub = value;
                                else
                                    delete message.sub;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.subject = value;
                                else
                                    delete message.subject;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.queue = value;
                                else
                                    delete message.queue;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for Subscribe
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.Subscribe
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Subscribe.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.Subscribe";
                };

                return Subscribe;
            })();

            v1.Deliver = (function() {

                /**
                 * Properties of a Deliver.
                 * @typedef {Object} tsnats.rpc.v1.Deliver.$Properties
                 * @property {string|null} [deliverTo] Deliver deliverTo
                 * @property {tsnats.rpc.v1.Msg.$Properties|null} [msg] Deliver msg
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Deliver.
                 * @memberof tsnats.rpc.v1
                 * @interface IDeliver
                 * @augments tsnats.rpc.v1.Deliver.$Properties
                 * @deprecated Use tsnats.rpc.v1.Deliver.$Properties instead.
                 */

                /**
                 * Shape of a Deliver.
                 * @typedef {tsnats.rpc.v1.Deliver.$Properties} tsnats.rpc.v1.Deliver.$Shape
                 */

                /**
                 * Constructs a new Deliver.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a Deliver.
                 * @constructor
                 * @param {tsnats.rpc.v1.Deliver.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Deliver = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Deliver deliverTo.
                 * @member {string} deliverTo
                 * @memberof tsnats.rpc.v1.Deliver
                 * @instance
                 */
                Deliver.prototype.deliverTo = "";

                /**
                 * Deliver msg.
                 * @member {tsnats.rpc.v1.Msg.$Properties|null|undefined} msg
                 * @memberof tsnats.rpc.v1.Deliver
                 * @instance
                 */
                Deliver.prototype.msg = null;

                /**
                 * Encodes the specified Deliver message. Does not implicitly {@link tsnats.rpc.v1.Deliver.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.Deliver
                 * @static
                 * @param {tsnats.rpc.v1.Deliver.$Properties} message Deliver message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Deliver.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deliverTo != null && $Object.hasOwnProperty.call(message, "deliverTo") && message.deliverTo !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.deliverTo);
                    if (message.msg != null && $Object.hasOwnProperty.call(message, "msg"))
                        $root.tsnats.rpc.v1.Msg.encode(message.msg, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Deliver message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.Deliver
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Deliver & tsnats.rpc.v1.Deliver.$Shape} Deliver
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Deliver.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.Deliver();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deliverTo = value;
                                else
                                    delete message.deliverTo;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.msg = $root.tsnats.rpc.v1.Msg.decode(reader, reader.size(), $undefined, _depth + 1, message.msg);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for Deliver
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.Deliver
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Deliver.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.Deliver";
                };

                return Deliver;
            })();

            v1.ApiRequest = (function() {

                /**
                 * Properties of an ApiRequest.
                 * @typedef {Object} tsnats.rpc.v1.ApiRequest.$Properties
                 * @property {string|null} [subject] ApiRequest subject
                 * @property {Uint8Array|null} [payload] ApiRequest payload
                 * @property {Uint8Array|null} [headers] ApiRequest headers
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an ApiRequest.
                 * @memberof tsnats.rpc.v1
                 * @interface IApiRequest
                 * @augments tsnats.rpc.v1.ApiRequest.$Properties
                 * @deprecated Use tsnats.rpc.v1.ApiRequest.$Properties instead.
                 */

                /**
                 * Shape of an ApiRequest.
                 * @typedef {tsnats.rpc.v1.ApiRequest.$Properties} tsnats.rpc.v1.ApiRequest.$Shape
                 */

                /**
                 * Constructs a new ApiRequest.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents an ApiRequest.
                 * @constructor
                 * @param {tsnats.rpc.v1.ApiRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ApiRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ApiRequest subject.
                 * @member {string} subject
                 * @memberof tsnats.rpc.v1.ApiRequest
                 * @instance
                 */
                ApiRequest.prototype.subject = "";

                /**
                 * ApiRequest payload.
                 * @member {Uint8Array} payload
                 * @memberof tsnats.rpc.v1.ApiRequest
                 * @instance
                 */
                ApiRequest.prototype.payload = $util.newBuffer([]);

                /**
                 * ApiRequest headers.
                 * @member {Uint8Array|null|undefined} headers
                 * @memberof tsnats.rpc.v1.ApiRequest
                 * @instance
                 */
                ApiRequest.prototype.headers = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(ApiRequest.prototype, "_headers", {
                    get: $util.oneOfGetter($oneOfFields = ["headers"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified ApiRequest message. Does not implicitly {@link tsnats.rpc.v1.ApiRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.ApiRequest
                 * @static
                 * @param {tsnats.rpc.v1.ApiRequest.$Properties} message ApiRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ApiRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.subject);
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.payload);
                    if (message.headers != null && $Object.hasOwnProperty.call(message, "headers"))
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.headers);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an ApiRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.ApiRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.ApiRequest & tsnats.rpc.v1.ApiRequest.$Shape} ApiRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ApiRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.ApiRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.subject = value;
                                else
                                    delete message.subject;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.payload = value;
                                else
                                    delete message.payload;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.headers = reader.bytes();
                                message._headers = "headers";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for ApiRequest
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.ApiRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ApiRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.ApiRequest";
                };

                return ApiRequest;
            })();

            v1.ApiReply = (function() {

                /**
                 * Properties of an ApiReply.
                 * @typedef {Object} tsnats.rpc.v1.ApiReply.$Properties
                 * @property {Uint8Array|null} [payload] ApiReply payload
                 * @property {boolean|null} [noReply] ApiReply noReply
                 * @property {Uint8Array|null} [headers] ApiReply headers
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an ApiReply.
                 * @memberof tsnats.rpc.v1
                 * @interface IApiReply
                 * @augments tsnats.rpc.v1.ApiReply.$Properties
                 * @deprecated Use tsnats.rpc.v1.ApiReply.$Properties instead.
                 */

                /**
                 * Shape of an ApiReply.
                 * @typedef {tsnats.rpc.v1.ApiReply.$Properties} tsnats.rpc.v1.ApiReply.$Shape
                 */

                /**
                 * Constructs a new ApiReply.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents an ApiReply.
                 * @constructor
                 * @param {tsnats.rpc.v1.ApiReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ApiReply = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ApiReply payload.
                 * @member {Uint8Array} payload
                 * @memberof tsnats.rpc.v1.ApiReply
                 * @instance
                 */
                ApiReply.prototype.payload = $util.newBuffer([]);

                /**
                 * ApiReply noReply.
                 * @member {boolean} noReply
                 * @memberof tsnats.rpc.v1.ApiReply
                 * @instance
                 */
                ApiReply.prototype.noReply = false;

                /**
                 * ApiReply headers.
                 * @member {Uint8Array|null|undefined} headers
                 * @memberof tsnats.rpc.v1.ApiReply
                 * @instance
                 */
                ApiReply.prototype.headers = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(ApiReply.prototype, "_headers", {
                    get: $util.oneOfGetter($oneOfFields = ["headers"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified ApiReply message. Does not implicitly {@link tsnats.rpc.v1.ApiReply.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.ApiReply
                 * @static
                 * @param {tsnats.rpc.v1.ApiReply.$Properties} message ApiReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ApiReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.payload);
                    if (message.noReply != null && $Object.hasOwnProperty.call(message, "noReply") && message.noReply !== false)
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.noReply);
                    if (message.headers != null && $Object.hasOwnProperty.call(message, "headers"))
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.headers);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an ApiReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.ApiReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.ApiReply & tsnats.rpc.v1.ApiReply.$Shape} ApiReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ApiReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.ApiReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.payload = value;
                                else
                                    delete message.payload;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.noReply = value;
                                else
                                    delete message.noReply;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.headers = reader.bytes();
                                message._headers = "headers";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for ApiReply
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.ApiReply
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ApiReply.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.ApiReply";
                };

                return ApiReply;
            })();

            v1.HealthRequest = (function() {

                /**
                 * Properties of a HealthRequest.
                 * @typedef {Object} tsnats.rpc.v1.HealthRequest.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HealthRequest.
                 * @memberof tsnats.rpc.v1
                 * @interface IHealthRequest
                 * @augments tsnats.rpc.v1.HealthRequest.$Properties
                 * @deprecated Use tsnats.rpc.v1.HealthRequest.$Properties instead.
                 */

                /**
                 * Shape of a HealthRequest.
                 * @typedef {tsnats.rpc.v1.HealthRequest.$Properties} tsnats.rpc.v1.HealthRequest.$Shape
                 */

                /**
                 * Constructs a new HealthRequest.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a HealthRequest.
                 * @constructor
                 * @param {tsnats.rpc.v1.HealthRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HealthRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Encodes the specified HealthRequest message. Does not implicitly {@link tsnats.rpc.v1.HealthRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.HealthRequest
                 * @static
                 * @param {tsnats.rpc.v1.HealthRequest.$Properties} message HealthRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HealthRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HealthRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.HealthRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.HealthRequest & tsnats.rpc.v1.HealthRequest.$Shape} HealthRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HealthRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.HealthRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for HealthRequest
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.HealthRequest
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HealthRequest.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.HealthRequest";
                };

                return HealthRequest;
            })();

            v1.HealthReply = (function() {

                /**
                 * Properties of a HealthReply.
                 * @typedef {Object} tsnats.rpc.v1.HealthReply.$Properties
                 * @property {string|null} [status] HealthReply status
                 * @property {string|null} [storeId] HealthReply storeId
                 * @property {string|null} [serverName] HealthReply serverName
                 * @property {number|null} [streams] HealthReply streams
                 * @property {number|null} [edges] HealthReply edges
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HealthReply.
                 * @memberof tsnats.rpc.v1
                 * @interface IHealthReply
                 * @augments tsnats.rpc.v1.HealthReply.$Properties
                 * @deprecated Use tsnats.rpc.v1.HealthReply.$Properties instead.
                 */

                /**
                 * Shape of a HealthReply.
                 * @typedef {tsnats.rpc.v1.HealthReply.$Properties} tsnats.rpc.v1.HealthReply.$Shape
                 */

                /**
                 * Constructs a new HealthReply.
                 * @memberof tsnats.rpc.v1
                 * @classdesc Represents a HealthReply.
                 * @constructor
                 * @param {tsnats.rpc.v1.HealthReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HealthReply = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * HealthReply status.
                 * @member {string} status
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @instance
                 */
                HealthReply.prototype.status = "";

                /**
                 * HealthReply storeId.
                 * @member {string} storeId
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @instance
                 */
                HealthReply.prototype.storeId = "";

                /**
                 * HealthReply serverName.
                 * @member {string} serverName
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @instance
                 */
                HealthReply.prototype.serverName = "";

                /**
                 * HealthReply streams.
                 * @member {number} streams
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @instance
                 */
                HealthReply.prototype.streams = 0;

                /**
                 * HealthReply edges.
                 * @member {number} edges
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @instance
                 */
                HealthReply.prototype.edges = 0;

                /**
                 * Encodes the specified HealthReply message. Does not implicitly {@link tsnats.rpc.v1.HealthReply.verify|verify} messages.
                 * @function encode
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @static
                 * @param {tsnats.rpc.v1.HealthReply.$Properties} message HealthReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HealthReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.status);
                    if (message.storeId != null && $Object.hasOwnProperty.call(message, "storeId") && message.storeId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.storeId);
                    if (message.serverName != null && $Object.hasOwnProperty.call(message, "serverName") && message.serverName !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.serverName);
                    if (message.streams != null && $Object.hasOwnProperty.call(message, "streams") && message.streams !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.streams);
                    if (message.edges != null && $Object.hasOwnProperty.call(message, "edges") && message.edges !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.edges);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HealthReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.HealthReply & tsnats.rpc.v1.HealthReply.$Shape} HealthReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HealthReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tsnats.rpc.v1.HealthReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.storeId = value;
                                else
                                    delete message.storeId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.serverName = value;
                                else
                                    delete message.serverName;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.streams = value;
                                else
                                    delete message.streams;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.edges = value;
                                else
                                    delete message.edges;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Gets the type url for HealthReply
                 * @function getTypeUrl
                 * @memberof tsnats.rpc.v1.HealthReply
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HealthReply.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/tsnats.rpc.v1.HealthReply";
                };

                return HealthReply;
            })();

            return v1;
        })();

        return rpc;
    })();

    return tsnats;
})();

export {
  $root as default
};

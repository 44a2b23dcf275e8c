import * as $protobuf from "protobufjs";

/** Namespace tsnats. */
export namespace tsnats {

    /** Namespace rpc. */
    namespace rpc {

        /** Namespace v1. */
        namespace v1 {

            /** Represents a StreamStorage */
            class StreamStorage extends $protobuf.rpc.Service {

                /**
                 * Constructs a new StreamStorage service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /** Calls Link. */
                link: tsnats.rpc.v1.StreamStorage.Link;

                /** Calls Api. */
                api: tsnats.rpc.v1.StreamStorage.Api;

                /** Calls Health. */
                health: tsnats.rpc.v1.StreamStorage.Health;
            }

            namespace StreamStorage {

                /**
                 * Callback as used by {@link tsnats.rpc.v1.StreamStorage#link}.
                 * @param error Error, if any
                 * @param [response] StoreFrame
                 */
                type LinkCallback = (error: (Error|null), response?: tsnats.rpc.v1.StoreFrame) => void;

                /** Calls Link. */
                type Link = {
                  (request: tsnats.rpc.v1.IEdgeFrame, callback: tsnats.rpc.v1.StreamStorage.LinkCallback): void;
                  (request: tsnats.rpc.v1.IEdgeFrame): Promise<tsnats.rpc.v1.StoreFrame>;
                  readonly name: "Link";
                  readonly path: "/tsnats.rpc.v1.StreamStorage/Link";
                  readonly requestType: "EdgeFrame";
                  readonly responseType: "StoreFrame";
                  readonly requestStream: true;
                  readonly responseStream: true;
                };

                /**
                 * Callback as used by {@link tsnats.rpc.v1.StreamStorage#api}.
                 * @param error Error, if any
                 * @param [response] ApiReply
                 */
                type ApiCallback = (error: (Error|null), response?: tsnats.rpc.v1.ApiReply) => void;

                /** Calls Api. */
                type Api = {
                  (request: tsnats.rpc.v1.IApiRequest, callback: tsnats.rpc.v1.StreamStorage.ApiCallback): void;
                  (request: tsnats.rpc.v1.IApiRequest): Promise<tsnats.rpc.v1.ApiReply>;
                  readonly name: "Api";
                  readonly path: "/tsnats.rpc.v1.StreamStorage/Api";
                  readonly requestType: "ApiRequest";
                  readonly responseType: "ApiReply";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link tsnats.rpc.v1.StreamStorage#health}.
                 * @param error Error, if any
                 * @param [response] HealthReply
                 */
                type HealthCallback = (error: (Error|null), response?: tsnats.rpc.v1.HealthReply) => void;

                /** Calls Health. */
                type Health = {
                  (request: tsnats.rpc.v1.IHealthRequest, callback: tsnats.rpc.v1.StreamStorage.HealthCallback): void;
                  (request: tsnats.rpc.v1.IHealthRequest): Promise<tsnats.rpc.v1.HealthReply>;
                  readonly name: "Health";
                  readonly path: "/tsnats.rpc.v1.StreamStorage/Health";
                  readonly requestType: "HealthRequest";
                  readonly responseType: "HealthReply";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };
            }

            /**
             * Properties of a Msg.
             * @deprecated Use tsnats.rpc.v1.Msg.$Properties instead.
             */
            interface IMsg extends tsnats.rpc.v1.Msg.$Properties {
            }

            /** Represents a Msg. */
            class Msg {

                /**
                 * Constructs a new Msg.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.Msg.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Msg subject. */
                subject: string;

                /** Msg reply. */
                reply: string;

                /** Msg headers. */
                headers?: (Uint8Array|null);

                /** Msg payload. */
                payload: Uint8Array;

                /**
                 * Encodes the specified Msg message. Does not implicitly {@link tsnats.rpc.v1.Msg.verify|verify} messages.
                 * @param message Msg message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.Msg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Msg message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Msg & tsnats.rpc.v1.Msg.$Shape} Msg
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.Msg & tsnats.rpc.v1.Msg.$Shape;

                /**
                 * Gets the type url for Msg
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Msg {

                /** Properties of a Msg. */
                interface $Properties {

                    /** Msg subject */
                    subject?: (string|null);

                    /** Msg reply */
                    reply?: (string|null);

                    /** Msg headers */
                    headers?: (Uint8Array|null);

                    /** Msg payload */
                    payload?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Msg. */
                type $Shape = tsnats.rpc.v1.Msg.$Properties;
            }

            /**
             * Properties of an EdgeFrame.
             * @deprecated Use tsnats.rpc.v1.EdgeFrame.$Properties instead.
             */
            interface IEdgeFrame extends tsnats.rpc.v1.EdgeFrame.$Properties {
            }

            /** Represents an EdgeFrame. */
            class EdgeFrame {

                /**
                 * Constructs a new EdgeFrame.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.EdgeFrame.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** EdgeFrame ops. */
                ops: tsnats.rpc.v1.EdgeOp.$Properties[];

                /**
                 * Encodes the specified EdgeFrame message. Does not implicitly {@link tsnats.rpc.v1.EdgeFrame.verify|verify} messages.
                 * @param message EdgeFrame message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.EdgeFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an EdgeFrame message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.EdgeFrame & tsnats.rpc.v1.EdgeFrame.$Shape} EdgeFrame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.EdgeFrame & tsnats.rpc.v1.EdgeFrame.$Shape;

                /**
                 * Gets the type url for EdgeFrame
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace EdgeFrame {

                /** Properties of an EdgeFrame. */
                interface $Properties {

                    /** EdgeFrame ops */
                    ops?: (tsnats.rpc.v1.EdgeOp.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an EdgeFrame. */
                type $Shape = {
                  ops?: tsnats.rpc.v1.EdgeOp.$Shape[]|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of an EdgeOp.
             * @deprecated Use tsnats.rpc.v1.EdgeOp.$Properties instead.
             */
            interface IEdgeOp extends tsnats.rpc.v1.EdgeOp.$Properties {
            }

            /** Represents an EdgeOp. */
            class EdgeOp {

                /**
                 * Constructs a new EdgeOp.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.EdgeOp.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** EdgeOp hello. */
                hello?: (tsnats.rpc.v1.Hello.$Properties|null);

                /** EdgeOp interest. */
                interest?: (tsnats.rpc.v1.Interest.$Properties|null);

                /** EdgeOp deliver. */
                deliver?: (tsnats.rpc.v1.Delivery.$Properties|null);

                /** EdgeOp op. */
                op?: ("hello"|"interest"|"deliver");

                /**
                 * Encodes the specified EdgeOp message. Does not implicitly {@link tsnats.rpc.v1.EdgeOp.verify|verify} messages.
                 * @param message EdgeOp message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.EdgeOp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an EdgeOp message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.EdgeOp & tsnats.rpc.v1.EdgeOp.$Shape} EdgeOp
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.EdgeOp & tsnats.rpc.v1.EdgeOp.$Shape;

                /**
                 * Gets the type url for EdgeOp
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace EdgeOp {

                /** Properties of an EdgeOp. */
                interface $Properties {

                    /** EdgeOp hello */
                    hello?: (tsnats.rpc.v1.Hello.$Properties|null);

                    /** EdgeOp interest */
                    interest?: (tsnats.rpc.v1.Interest.$Properties|null);

                    /** EdgeOp deliver */
                    deliver?: (tsnats.rpc.v1.Delivery.$Properties|null);

                    /** EdgeOp op */
                    op?: ("hello"|"interest"|"deliver");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of an EdgeOp. */
                type $Shape = {
                  hello?: tsnats.rpc.v1.Hello.$Shape|null;
                  interest?: tsnats.rpc.v1.Interest.$Shape|null;
                  deliver?: tsnats.rpc.v1.Delivery.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ op?: undefined; hello?: null; interest?: null; deliver?: null }|{ op?: "hello"; hello: tsnats.rpc.v1.Hello.$Shape; interest?: null; deliver?: null }|{ op?: "interest"; hello?: null; interest: tsnats.rpc.v1.Interest.$Shape; deliver?: null }|{ op?: "deliver"; hello?: null; interest?: null; deliver: tsnats.rpc.v1.Delivery.$Shape })
                );
            }

            /**
             * Properties of a Hello.
             * @deprecated Use tsnats.rpc.v1.Hello.$Properties instead.
             */
            interface IHello extends tsnats.rpc.v1.Hello.$Properties {
            }

            /** Represents a Hello. */
            class Hello {

                /**
                 * Constructs a new Hello.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.Hello.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Hello edgeId. */
                edgeId: string;

                /** Hello serverName. */
                serverName: string;

                /**
                 * Encodes the specified Hello message. Does not implicitly {@link tsnats.rpc.v1.Hello.verify|verify} messages.
                 * @param message Hello message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Hello message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Hello & tsnats.rpc.v1.Hello.$Shape} Hello
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.Hello & tsnats.rpc.v1.Hello.$Shape;

                /**
                 * Gets the type url for Hello
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Hello {

                /** Properties of a Hello. */
                interface $Properties {

                    /** Hello edgeId */
                    edgeId?: (string|null);

                    /** Hello serverName */
                    serverName?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Hello. */
                type $Shape = tsnats.rpc.v1.Hello.$Properties;
            }

            /**
             * Properties of an Interest.
             * @deprecated Use tsnats.rpc.v1.Interest.$Properties instead.
             */
            interface IInterest extends tsnats.rpc.v1.Interest.$Properties {
            }

            /** Represents an Interest. */
            class Interest {

                /**
                 * Constructs a new Interest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.Interest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Interest subject. */
                subject: string;

                /** Interest queue. */
                queue: string;

                /** Interest delta. */
                delta: number;

                /**
                 * Encodes the specified Interest message. Does not implicitly {@link tsnats.rpc.v1.Interest.verify|verify} messages.
                 * @param message Interest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.Interest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Interest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Interest & tsnats.rpc.v1.Interest.$Shape} Interest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.Interest & tsnats.rpc.v1.Interest.$Shape;

                /**
                 * Gets the type url for Interest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Interest {

                /** Properties of an Interest. */
                interface $Properties {

                    /** Interest subject */
                    subject?: (string|null);

                    /** Interest queue */
                    queue?: (string|null);

                    /** Interest delta */
                    delta?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Interest. */
                type $Shape = tsnats.rpc.v1.Interest.$Properties;
            }

            /**
             * Properties of a Delivery.
             * @deprecated Use tsnats.rpc.v1.Delivery.$Properties instead.
             */
            interface IDelivery extends tsnats.rpc.v1.Delivery.$Properties {
            }

            /** Represents a Delivery. */
            class Delivery {

                /**
                 * Constructs a new Delivery.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.Delivery.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Delivery sub. */
                sub: number;

                /** Delivery msg. */
                msg?: (tsnats.rpc.v1.Msg.$Properties|null);

                /**
                 * Encodes the specified Delivery message. Does not implicitly {@link tsnats.rpc.v1.Delivery.verify|verify} messages.
                 * @param message Delivery message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.Delivery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Delivery message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Delivery & tsnats.rpc.v1.Delivery.$Shape} Delivery
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.Delivery & tsnats.rpc.v1.Delivery.$Shape;

                /**
                 * Gets the type url for Delivery
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Delivery {

                /** Properties of a Delivery. */
                interface $Properties {

                    /** Delivery sub */
                    sub?: (number|null);

                    /** Delivery msg */
                    msg?: (tsnats.rpc.v1.Msg.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Delivery. */
                type $Shape = tsnats.rpc.v1.Delivery.$Properties;
            }

            /**
             * Properties of a StoreFrame.
             * @deprecated Use tsnats.rpc.v1.StoreFrame.$Properties instead.
             */
            interface IStoreFrame extends tsnats.rpc.v1.StoreFrame.$Properties {
            }

            /** Represents a StoreFrame. */
            class StoreFrame {

                /**
                 * Constructs a new StoreFrame.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.StoreFrame.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StoreFrame ops. */
                ops: tsnats.rpc.v1.StoreOp.$Properties[];

                /**
                 * Encodes the specified StoreFrame message. Does not implicitly {@link tsnats.rpc.v1.StoreFrame.verify|verify} messages.
                 * @param message StoreFrame message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.StoreFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StoreFrame message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.StoreFrame & tsnats.rpc.v1.StoreFrame.$Shape} StoreFrame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.StoreFrame & tsnats.rpc.v1.StoreFrame.$Shape;

                /**
                 * Gets the type url for StoreFrame
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StoreFrame {

                /** Properties of a StoreFrame. */
                interface $Properties {

                    /** StoreFrame ops */
                    ops?: (tsnats.rpc.v1.StoreOp.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StoreFrame. */
                type $Shape = {
                  ops?: tsnats.rpc.v1.StoreOp.$Shape[]|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a StoreOp.
             * @deprecated Use tsnats.rpc.v1.StoreOp.$Properties instead.
             */
            interface IStoreOp extends tsnats.rpc.v1.StoreOp.$Properties {
            }

            /** Represents a StoreOp. */
            class StoreOp {

                /**
                 * Constructs a new StoreOp.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.StoreOp.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StoreOp subscribe. */
                subscribe?: (tsnats.rpc.v1.Subscribe.$Properties|null);

                /** StoreOp unsubscribe. */
                unsubscribe?: (number|null);

                /** StoreOp publish. */
                publish?: (tsnats.rpc.v1.Msg.$Properties|null);

                /** StoreOp deliver. */
                deliver?: (tsnats.rpc.v1.Deliver.$Properties|null);

                /** StoreOp hello. */
                hello?: (tsnats.rpc.v1.StoreHello.$Properties|null);

                /** StoreOp op. */
                op?: ("subscribe"|"unsubscribe"|"publish"|"deliver"|"hello");

                /**
                 * Encodes the specified StoreOp message. Does not implicitly {@link tsnats.rpc.v1.StoreOp.verify|verify} messages.
                 * @param message StoreOp message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.StoreOp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StoreOp message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.StoreOp & tsnats.rpc.v1.StoreOp.$Shape} StoreOp
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.StoreOp & tsnats.rpc.v1.StoreOp.$Shape;

                /**
                 * Gets the type url for StoreOp
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StoreOp {

                /** Properties of a StoreOp. */
                interface $Properties {

                    /** StoreOp subscribe */
                    subscribe?: (tsnats.rpc.v1.Subscribe.$Properties|null);

                    /** StoreOp unsubscribe */
                    unsubscribe?: (number|null);

                    /** StoreOp publish */
                    publish?: (tsnats.rpc.v1.Msg.$Properties|null);

                    /** StoreOp deliver */
                    deliver?: (tsnats.rpc.v1.Deliver.$Properties|null);

                    /** StoreOp hello */
                    hello?: (tsnats.rpc.v1.StoreHello.$Properties|null);

                    /** StoreOp op */
                    op?: ("subscribe"|"unsubscribe"|"publish"|"deliver"|"hello");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a StoreOp. */
                type $Shape = {
                  subscribe?: tsnats.rpc.v1.Subscribe.$Shape|null;
                  unsubscribe?: number|null;
                  publish?: tsnats.rpc.v1.Msg.$Shape|null;
                  deliver?: tsnats.rpc.v1.Deliver.$Shape|null;
                  hello?: tsnats.rpc.v1.StoreHello.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ op?: undefined; subscribe?: null; unsubscribe?: null; publish?: null; deliver?: null; hello?: null }|{ op?: "subscribe"; subscribe: tsnats.rpc.v1.Subscribe.$Shape; unsubscribe?: null; publish?: null; deliver?: null; hello?: null }|{ op?: "unsubscribe"; subscribe?: null; unsubscribe: number; publish?: null; deliver?: null; hello?: null }|{ op?: "publish"; subscribe?: null; unsubscribe?: null; publish: tsnats.rpc.v1.Msg.$Shape; deliver?: null; hello?: null }|{ op?: "deliver"; subscribe?: null; unsubscribe?: null; publish?: null; deliver: tsnats.rpc.v1.Deliver.$Shape; hello?: null }|{ op?: "hello"; subscribe?: null; unsubscribe?: null; publish?: null; deliver?: null; hello: tsnats.rpc.v1.StoreHello.$Shape })
                );
            }

            /**
             * Properties of a StoreHello.
             * @deprecated Use tsnats.rpc.v1.StoreHello.$Properties instead.
             */
            interface IStoreHello extends tsnats.rpc.v1.StoreHello.$Properties {
            }

            /** Represents a StoreHello. */
            class StoreHello {

                /**
                 * Constructs a new StoreHello.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.StoreHello.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StoreHello storeId. */
                storeId: string;

                /** StoreHello serverName. */
                serverName: string;

                /**
                 * Encodes the specified StoreHello message. Does not implicitly {@link tsnats.rpc.v1.StoreHello.verify|verify} messages.
                 * @param message StoreHello message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.StoreHello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StoreHello message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.StoreHello & tsnats.rpc.v1.StoreHello.$Shape} StoreHello
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.StoreHello & tsnats.rpc.v1.StoreHello.$Shape;

                /**
                 * Gets the type url for StoreHello
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StoreHello {

                /** Properties of a StoreHello. */
                interface $Properties {

                    /** StoreHello storeId */
                    storeId?: (string|null);

                    /** StoreHello serverName */
                    serverName?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StoreHello. */
                type $Shape = tsnats.rpc.v1.StoreHello.$Properties;
            }

            /**
             * Properties of a Subscribe.
             * @deprecated Use tsnats.rpc.v1.Subscribe.$Properties instead.
             */
            interface ISubscribe extends tsnats.rpc.v1.Subscribe.$Properties {
            }

            /** Represents a Subscribe. */
            class Subscribe {

                /**
                 * Constructs a new Subscribe.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.Subscribe.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Subscribe sub. */
                sub: number;

                /** Subscribe subject. */
                subject: string;

                /** Subscribe queue. */
                queue: string;

                /**
                 * Encodes the specified Subscribe message. Does not implicitly {@link tsnats.rpc.v1.Subscribe.verify|verify} messages.
                 * @param message Subscribe message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.Subscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Subscribe message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Subscribe & tsnats.rpc.v1.Subscribe.$Shape} Subscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.Subscribe & tsnats.rpc.v1.Subscribe.$Shape;

                /**
                 * Gets the type url for Subscribe
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Subscribe {

                /** Properties of a Subscribe. */
                interface $Properties {

                    /** Subscribe sub */
                    sub?: (number|null);

                    /** Subscribe subject */
                    subject?: (string|null);

                    /** Subscribe queue */
                    queue?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Subscribe. */
                type $Shape = tsnats.rpc.v1.Subscribe.$Properties;
            }

            /**
             * Properties of a Deliver.
             * @deprecated Use tsnats.rpc.v1.Deliver.$Properties instead.
             */
            interface IDeliver extends tsnats.rpc.v1.Deliver.$Properties {
            }

            /** Represents a Deliver. */
            class Deliver {

                /**
                 * Constructs a new Deliver.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.Deliver.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Deliver deliverTo. */
                deliverTo: string;

                /** Deliver msg. */
                msg?: (tsnats.rpc.v1.Msg.$Properties|null);

                /**
                 * Encodes the specified Deliver message. Does not implicitly {@link tsnats.rpc.v1.Deliver.verify|verify} messages.
                 * @param message Deliver message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.Deliver.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Deliver message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.Deliver & tsnats.rpc.v1.Deliver.$Shape} Deliver
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.Deliver & tsnats.rpc.v1.Deliver.$Shape;

                /**
                 * Gets the type url for Deliver
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Deliver {

                /** Properties of a Deliver. */
                interface $Properties {

                    /** Deliver deliverTo */
                    deliverTo?: (string|null);

                    /** Deliver msg */
                    msg?: (tsnats.rpc.v1.Msg.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Deliver. */
                type $Shape = tsnats.rpc.v1.Deliver.$Properties;
            }

            /**
             * Properties of an ApiRequest.
             * @deprecated Use tsnats.rpc.v1.ApiRequest.$Properties instead.
             */
            interface IApiRequest extends tsnats.rpc.v1.ApiRequest.$Properties {
            }

            /** Represents an ApiRequest. */
            class ApiRequest {

                /**
                 * Constructs a new ApiRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.ApiRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ApiRequest subject. */
                subject: string;

                /** ApiRequest payload. */
                payload: Uint8Array;

                /** ApiRequest headers. */
                headers?: (Uint8Array|null);

                /**
                 * Encodes the specified ApiRequest message. Does not implicitly {@link tsnats.rpc.v1.ApiRequest.verify|verify} messages.
                 * @param message ApiRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.ApiRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an ApiRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.ApiRequest & tsnats.rpc.v1.ApiRequest.$Shape} ApiRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.ApiRequest & tsnats.rpc.v1.ApiRequest.$Shape;

                /**
                 * Gets the type url for ApiRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ApiRequest {

                /** Properties of an ApiRequest. */
                interface $Properties {

                    /** ApiRequest subject */
                    subject?: (string|null);

                    /** ApiRequest payload */
                    payload?: (Uint8Array|null);

                    /** ApiRequest headers */
                    headers?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an ApiRequest. */
                type $Shape = tsnats.rpc.v1.ApiRequest.$Properties;
            }

            /**
             * Properties of an ApiReply.
             * @deprecated Use tsnats.rpc.v1.ApiReply.$Properties instead.
             */
            interface IApiReply extends tsnats.rpc.v1.ApiReply.$Properties {
            }

            /** Represents an ApiReply. */
            class ApiReply {

                /**
                 * Constructs a new ApiReply.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.ApiReply.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ApiReply payload. */
                payload: Uint8Array;

                /** ApiReply noReply. */
                noReply: boolean;

                /** ApiReply headers. */
                headers?: (Uint8Array|null);

                /**
                 * Encodes the specified ApiReply message. Does not implicitly {@link tsnats.rpc.v1.ApiReply.verify|verify} messages.
                 * @param message ApiReply message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.ApiReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an ApiReply message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.ApiReply & tsnats.rpc.v1.ApiReply.$Shape} ApiReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.ApiReply & tsnats.rpc.v1.ApiReply.$Shape;

                /**
                 * Gets the type url for ApiReply
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ApiReply {

                /** Properties of an ApiReply. */
                interface $Properties {

                    /** ApiReply payload */
                    payload?: (Uint8Array|null);

                    /** ApiReply noReply */
                    noReply?: (boolean|null);

                    /** ApiReply headers */
                    headers?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an ApiReply. */
                type $Shape = tsnats.rpc.v1.ApiReply.$Properties;
            }

            /**
             * Properties of a HealthRequest.
             * @deprecated Use tsnats.rpc.v1.HealthRequest.$Properties instead.
             */
            interface IHealthRequest extends tsnats.rpc.v1.HealthRequest.$Properties {
            }

            /** Represents a HealthRequest. */
            class HealthRequest {

                /**
                 * Constructs a new HealthRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.HealthRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Encodes the specified HealthRequest message. Does not implicitly {@link tsnats.rpc.v1.HealthRequest.verify|verify} messages.
                 * @param message HealthRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.HealthRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HealthRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.HealthRequest & tsnats.rpc.v1.HealthRequest.$Shape} HealthRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.HealthRequest & tsnats.rpc.v1.HealthRequest.$Shape;

                /**
                 * Gets the type url for HealthRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HealthRequest {

                /** Properties of a HealthRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HealthRequest. */
                type $Shape = tsnats.rpc.v1.HealthRequest.$Properties;
            }

            /**
             * Properties of a HealthReply.
             * @deprecated Use tsnats.rpc.v1.HealthReply.$Properties instead.
             */
            interface IHealthReply extends tsnats.rpc.v1.HealthReply.$Properties {
            }

            /** Represents a HealthReply. */
            class HealthReply {

                /**
                 * Constructs a new HealthReply.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: tsnats.rpc.v1.HealthReply.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HealthReply status. */
                status: string;

                /** HealthReply storeId. */
                storeId: string;

                /** HealthReply serverName. */
                serverName: string;

                /** HealthReply streams. */
                streams: number;

                /** HealthReply edges. */
                edges: number;

                /**
                 * Encodes the specified HealthReply message. Does not implicitly {@link tsnats.rpc.v1.HealthReply.verify|verify} messages.
                 * @param message HealthReply message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: tsnats.rpc.v1.HealthReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HealthReply message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {tsnats.rpc.v1.HealthReply & tsnats.rpc.v1.HealthReply.$Shape} HealthReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tsnats.rpc.v1.HealthReply & tsnats.rpc.v1.HealthReply.$Shape;

                /**
                 * Gets the type url for HealthReply
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HealthReply {

                /** Properties of a HealthReply. */
                interface $Properties {

                    /** HealthReply status */
                    status?: (string|null);

                    /** HealthReply storeId */
                    storeId?: (string|null);

                    /** HealthReply serverName */
                    serverName?: (string|null);

                    /** HealthReply streams */
                    streams?: (number|null);

                    /** HealthReply edges */
                    edges?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HealthReply. */
                type $Shape = tsnats.rpc.v1.HealthReply.$Properties;
            }
        }
    }
}

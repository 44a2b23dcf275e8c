// How a store keeps its streams: the composition main runs and /healthz asks.

export interface StorageMode {
  /** Runs JetStream when this store may (file mode: at once; Redis mode: once it holds the lease). */
  start(): Promise<void>;
  /** Why the store does not serve streams now, or undefined when it does. */
  unavailable(): string | undefined;
  /** Ends the edges' links, stops JetStream (data stays) and lets go of what the mode holds. */
  stop(): Promise<void>;
}

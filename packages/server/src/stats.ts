/** Server-wide counters, as /varz reports them. */
export class ServerStats {
  started = new Date();
  inMsgs = 0;
  outMsgs = 0;
  inBytes = 0;
  outBytes = 0;
  slowConsumers = 0;
  totalConnections = 0;

  countOutbound(messages: number, bytes: number): void {
    this.outMsgs += messages;
    this.outBytes += bytes;
  }
}

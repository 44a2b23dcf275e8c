/**
 * Store addresses from `rpc://host:port[,host:port...]` (the edge's --store
 * flag), or a bare `host:port[,...]`.
 */
export function parseStoreUrl(url: string): string[] {
  const list = url.startsWith('rpc://') ? url.slice('rpc://'.length) : url;
  const addresses = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (addresses.length === 0) throw new Error(`no store address in "${url}"`);
  for (const address of addresses) {
    const match = /^(\[[0-9a-fA-F:]+\]|[^:/\s]+):(\d+)$/.exec(address);
    const port = match === null ? NaN : Number(match[2]);
    if (!(port > 0 && port < 65536)) {
      throw new Error(`bad store address "${address}" in "${url}": expected host:port`);
    }
  }
  return addresses;
}

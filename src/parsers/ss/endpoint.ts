// Reads ss's `address:port` column: `0.0.0.0:80`, `*:*`, `[::]:80`, `127.0.0.53%lo:53`, `[fe80::1]%eth0:546`.
import type { SocketEndpoint } from '../../model/network.js';

export function parseSocketEndpoint(token: string): SocketEndpoint | undefined {
  const colon = token.lastIndexOf(':');
  if (colon <= 0 || colon === token.length - 1) return undefined;
  const portText = token.slice(colon + 1);
  let hostPart = token.slice(0, colon);
  let scope: string | undefined;
  let address: string;
  if (hostPart.startsWith('[')) {
    const close = hostPart.indexOf(']');
    if (close === -1) return undefined;
    address = hostPart.slice(1, close);
    const rest = hostPart.slice(close + 1);
    if (rest.startsWith('%')) scope = rest.slice(1);
    else if (rest !== '') return undefined;
    // Some versions print the scope inside the brackets.
    const inner = address.indexOf('%');
    if (inner !== -1) {
      scope = address.slice(inner + 1);
      address = address.slice(0, inner);
    }
  } else {
    const percent = hostPart.indexOf('%');
    if (percent !== -1) {
      scope = hostPart.slice(percent + 1);
      hostPart = hostPart.slice(0, percent);
    }
    address = hostPart;
  }
  if (address === '') return undefined;
  const endpoint: SocketEndpoint = { address };
  if (/^\d{1,5}$/.test(portText)) endpoint.port = Number(portText);
  else endpoint.portName = portText;
  if (scope) endpoint.scope = scope;
  return endpoint;
}

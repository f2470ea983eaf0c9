/**
 * The network's trace events (trace/format.ts NetListen, NetConnect, NetClose, HttpRequest,
 * HttpResponse, HttpMessageEnd), recorded on the running thread at its virtual time.
 */
import type { EventKind } from '../../trace/format';
import { host } from '../host';

export function recordNet(kind: EventKind, a: number, b: string | number, c: number): void {
  const world = host.net().world;
  const trace = world.host.trace;
  trace.event(world.current.id, world.now(), kind, a, typeof b === 'string' ? trace.string(b) : b, c);
}

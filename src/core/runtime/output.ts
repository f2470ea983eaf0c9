/** The single path of program output: to the host and, as a Console event, into the trace. */
import { EventKind } from '../trace/format';
import { flushBlock } from './clock';
import { stdioUsed } from './resources';
import { rt } from './state';

export function writeOut(stream: 1 | 2, text: string): void {
  if (rt.exited && rt.truncated !== '') return;
  stdioUsed(stream);
  flushBlock();
  rt.host.write(stream, text);
  rt.rec.force(EventKind.Console, stream, rt.rec.str(text), 0);
}

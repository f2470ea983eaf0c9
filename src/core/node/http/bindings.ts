/**
 * `internalBinding(name)` for the files of lib/ (Node's own JS): the native bindings they use,
 * made of the simulation (tcp_wrap, stream_wrap: tcp-wrap.ts; http_parser: http-parser.ts) or of
 * the host (uv's error names and messages, os constants).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the host's modules, read when first asked for */
import { ConnectionsList, HTTPParser, allMethods, methods } from './http-parser';
import * as tcp from './tcp-wrap';

const made = new Map<string, unknown>();

function make(name: string): unknown {
  switch (name) {
    case 'uv':
      return { ...tcp.UV, errname: (n: number) => require('util').getSystemErrorName(n), getErrorMap: () => require('util').getSystemErrorMap() };
    case 'stream_wrap':
      return {
        WriteWrap: tcp.WriteWrap,
        ShutdownWrap: tcp.ShutdownWrap,
        kReadBytesOrError: tcp.kReadBytesOrError,
        kArrayBufferOffset: tcp.kArrayBufferOffset,
        kBytesWritten: tcp.kBytesWritten,
        kLastWriteWasAsync: tcp.kLastWriteWasAsync,
        streamBaseState: tcp.streamBaseState,
      };
    case 'tcp_wrap':
      return { TCP: tcp.TCP, TCPConnectWrap: tcp.TCPConnectWrap, constants: tcp.TCP.constants };
    case 'pipe_wrap':
      return { Pipe: tcp.Pipe, PipeConnectWrap: tcp.PipeConnectWrap, constants: tcp.Pipe.constants };
    case 'http_parser':
      return { HTTPParser, ConnectionsList, methods, allMethods };
    case 'trace_events':
      return { getCategoryEnabledBuffer: () => new Uint8Array(1), trace() {}, isTraceCategoryEnabled: () => false };
    case 'fs':
      return {
        writeBuffer() {
          throw new Error('async-timeline: synchronous writes to a file descriptor from net are not simulated');
        },
      };
    case 'constants':
      return { os: require('os').constants };
    case 'os':
      return { getOSInformation: () => ['Linux', '', ''] };
    case 'util':
      return { privateSymbols: { arrow_message_private_symbol: Symbol('node:arrowMessage') } };
    default:
      throw new Error(`async-timeline: internalBinding('${name}') is not simulated`);
  }
}

export function internalBinding(name: string): any {
  if (!made.has(name)) made.set(name, make(name));
  return made.get(name);
}

// Imported by ts-strip-refused-import.ts: Node 22+ refuses to strip it (an enum).
export enum Level {
  Low,
  High,
}
export const threshold = Level.High;

// Node 22+ refuses this file before it runs (it strips types only, and this syntax needs a
// compiler): SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX], exit 1 — the simulator too
// (engine/strip-types.ts). On Node 20 it runs compiled.
// TypeScript: enums (numeric and string) driving an async state machine.
export {};
enum State {
  Idle,
  Loading,
  Done,
}
enum Event {
  Start = 'start',
  Finish = 'finish',
}
let state: State = State.Idle;
async function dispatch(e: Event): Promise<void> {
  await null;
  if (e === Event.Start && state === State.Idle) state = State.Loading;
  else if (e === Event.Finish && state === State.Loading) state = State.Done;
  console.log(`${e} -> ${State[state]} (${state})`);
}
(async () => {
  await dispatch(Event.Finish);
  await dispatch(Event.Start);
  await dispatch(Event.Finish);
  console.log(`final ${State[state]}`);
})();

// How an editor test script ends. A failing test, a broken package or a missing build fails the run.
// An editor that cannot start (no apt, no network for the download, no display) is an InfraError:
// with CI=true it fails the run too, because CI must never pass without having run the tests;
// on a developer machine it is reported loudly and the script exits 0 so the other layers still count.
export class InfraError extends Error {}

const cleanups = [];

/** Registers a stop function that also runs when the script is interrupted; returns it for the finally block. */
export function onCleanup(fn) {
  // Every caller (the finally block, a signal) waits for the same single run.
  let running;
  const once = () => {
    running ??= (async () => fn())().catch((e) => console.error(`[editor] cleanup failed: ${e.message}`));
    return running;
  };
  cleanups.push(once);
  return once;
}

export async function finishWith(what, main, { hint } = {}) {
  let interrupted = false;
  const onSignal = async (sig) => {
    if (interrupted) process.exit(130); // a second Ctrl+C does not wait for the cleanup
    interrupted = true;
    console.error(`[editor] ${what}: interrupted by ${sig}, stopping the editor`);
    for (const c of cleanups.reverse()) await c();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await main();
  } catch (e) {
    if (e instanceof InfraError && process.env.CI !== 'true') {
      console.error(`\n[editor] ${what} NOT RUN: the editor could not start: ${e.message}`);
      if (hint) console.error(`[editor] ${hint}`);
      console.error('[editor] (with CI=true this fails the run)\n');
      process.exitCode = 0;
    } else {
      console.error(`\n[editor] ${what} FAILED: ${e instanceof InfraError ? 'the editor could not start: ' : ''}${e.stack ?? e}`);
      process.exitCode = 1;
    }
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

/**
 * Host inventory from systeminformation, only when asked for (--inventory). On Windows its osInfo()
 * starts four PowerShell processes and has no timeout of its own, which is what the doctor's single
 * collection script avoids; so it runs beside the collection, under our own time limit, and a late or
 * failed answer costs one fact, never the run. Without --inventory the host fact comes from Node's os
 * module and the registry's ProductName, at no process cost.
 */
import si from 'systeminformation';
import type { Fact, HostInventory } from '../contract/facts.js';
import { okFact } from '../contract/facts.js';

export async function inventoryFact(timeoutMs: number): Promise<Fact<HostInventory>> {
  const started = performance.now();
  const source = () => ({
    kind: 'derived' as const,
    key: 'systeminformation.osInfo()',
    durationMs: Math.round(performance.now() - started),
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const info = await Promise.race([si.osInfo(), timeout]);
    if (info === 'timeout')
      return { state: 'timeout', reason: `systeminformation did not answer within ${timeoutMs} ms`, source: source() };
    const caption = [info.distro, info.release].filter((s) => s && s !== 'unknown').join(' ');
    const inventory: HostInventory = { hostname: info.hostname, arch: info.arch };
    if (caption) inventory.osCaption = caption;
    return okFact(inventory, source());
  } catch (error) {
    return { state: 'error', reason: `systeminformation failed: ${(error as Error).message}`, source: source() };
  } finally {
    clearTimeout(timer);
  }
}

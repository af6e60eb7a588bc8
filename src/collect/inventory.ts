/**
 * Host inventory from systeminformation, only when asked for (--inventory). On Windows its osInfo()
 * starts four PowerShell processes of its own and has no timeout, which is what the doctor's single
 * collection script avoids. So it never runs in the doctor's process: the doctor starts itself once more
 * (`hostprocess-doctor __inventory`, a hidden command) as an ordinary probe. That child loads
 * systeminformation and prints one JSON object. Being a probe, it has the run's --timeout, its whole
 * process tree (systeminformation's PowerShells included) is ended at that timeout and when the doctor
 * is stopped (endAllProbes), and a late, failed or garbled answer costs one fact, never the run.
 * Without --inventory the host fact comes from Node's os module and the registry's ProductName, at no
 * process cost.
 */
import type { Fact, HostInventory } from '../contract/facts.js';
import { okFact } from '../contract/facts.js';
import { type ProbeLog, runProbe } from './exec.js';

/** The hidden command that the inventory child runs. */
export const INVENTORY_COMMAND = '__inventory';

/** How this program starts itself again: the executable and the arguments before the command. */
export interface SelfCommand {
  file: string;
  args: string[];
}

const SOURCE_KEY = 'systeminformation.osInfo()';

/** The child's side: systeminformation's answer, as the one JSON object the parent reads. */
interface Out {
  write(text: string): Promise<void>;
}

export async function runInventoryChild(io: { stdout: Out; stderr: Out }): Promise<number> {
  try {
    const si = (await import('systeminformation')).default;
    const info = await si.osInfo();
    const caption = [info.distro, info.release].filter((s) => s && s !== 'unknown').join(' ');
    const inventory: HostInventory = { hostname: info.hostname, arch: info.arch };
    if (caption) inventory.osCaption = caption;
    await io.stdout.write(`${JSON.stringify(inventory)}\n`);
    return 0;
  } catch (error) {
    await io.stderr.write(`systeminformation failed: ${(error as Error).message}\n`);
    return 1;
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1024;

/** The child's JSON, checked field by field: a wrong shape is garbled output, not an inventory. */
function parseInventory(stdout: string): HostInventory | string {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return `not JSON: ${JSON.stringify(stdout.slice(0, 80))}`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const inventory: HostInventory = {};
  for (const key of ['hostname', 'arch', 'osCaption'] as const) {
    const field = record[key];
    if (field === undefined) continue;
    if (!isText(field)) return `${key} is not a short string`;
    inventory[key] = field;
  }
  if (inventory.hostname === undefined && inventory.arch === undefined) return 'neither hostname nor arch';
  return inventory;
}

export async function inventoryFact(
  self: SelfCommand | undefined,
  timeoutMs: number,
  options: { env?: NodeJS.ProcessEnv; log?: ProbeLog[] } = {},
): Promise<Fact<HostInventory>> {
  const display = ['hostprocess-doctor', INVENTORY_COMMAND];
  if (!self)
    return {
      state: 'error',
      reason: 'the doctor does not know its own executable here (a library call), so it cannot start the inventory',
      source: { kind: 'derived', key: SOURCE_KEY },
    };
  const probe = await runProbe(self.file, [...self.args, INVENTORY_COMMAND], {
    timeoutMs,
    display,
    ...(options.log ? { log: options.log } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const source = { ...probe.source, key: SOURCE_KEY };
  if (probe.state !== 'ok') return { state: probe.state, reason: probe.reason ?? probe.state, source };
  const parsed = parseInventory(probe.stdout.trim());
  if (typeof parsed === 'string')
    return { state: 'error', reason: `the inventory child printed garbled output (${parsed})`, source };
  return okFact(parsed, source);
}

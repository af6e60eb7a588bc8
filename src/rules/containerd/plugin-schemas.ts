/**
 * The config structs of the built-in plugins other than CRI that containerd's default config on Windows
 * writes (`containerd config default`): the garbage collector and the restart monitor. Their durations are
 * TextUnmarshalers over time.ParseDuration, so `startup_delay = "100 ms"` stops containerd as a type error
 * does. Both are decoded before the CRI plugins: they are registered first (cmd/containerd/builtins.go
 * sorts before builtins_cri.go / builtins/cri.go) and plugin.Graph keeps registration order.
 *
 *   containerd@v1.6.20 gc/scheduler/scheduler.go:30-90, runtime/restart/monitor/monitor.go:35-60
 *   containerd@v1.7.0  gc/scheduler/scheduler.go:32-80, runtime/restart/monitor/monitor.go:33-55
 *   containerd@v2.0.0  plugins/gc/scheduler.go:35-90, plugins/restart/monitor.go:37-55,
 *                      internal/tomlext/toml_v2_util.go:21-30
 */
import type { GoStruct, GoType } from '../../parse/toml-decode.js';
import type { Family } from './family.js';

const int: GoType = { kind: 'int' };
const float64: GoType = { kind: 'float64' };

function gc(duration: GoType): GoStruct {
  return {
    kind: 'struct',
    name: 'scheduler.config',
    fields: [
      { name: 'PauseThreshold', toml: 'pause_threshold', type: float64 },
      { name: 'DeletionThreshold', toml: 'deletion_threshold', type: int },
      { name: 'MutationThreshold', toml: 'mutation_threshold', type: int },
      { name: 'ScheduleDelay', toml: 'schedule_delay', type: duration },
      { name: 'StartupDelay', toml: 'startup_delay', type: duration },
    ],
  };
}

const restart = (duration: GoType): GoStruct => ({
  kind: 'struct',
  name: 'monitor.Config',
  fields: [{ name: 'Interval', toml: 'interval', type: duration }],
});

/** The plugin ID (`scheduler`), its URI, and its config struct, in the order containerd decodes them. */
export function otherPluginSchemas(family: Family): { id: string; uri: string; schema: GoStruct }[] {
  if (family.line === '1.x')
    return [
      {
        id: 'scheduler',
        uri: 'io.containerd.gc.v1.scheduler',
        schema: gc({ kind: 'duration', name: 'scheduler.duration' }),
      },
      {
        id: 'restart',
        uri: 'io.containerd.internal.v1.restart',
        schema: restart({ kind: 'duration', name: 'monitor.duration', structured: true }),
      },
    ];
  const duration: GoType = { kind: 'duration', name: 'tomlext.Duration' };
  return [
    { id: 'scheduler', uri: 'io.containerd.gc.v1.scheduler', schema: gc(duration) },
    { id: 'restart', uri: 'io.containerd.monitor.container.v1.restart', schema: restart(duration) },
  ];
}

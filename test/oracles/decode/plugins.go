package main

// Mirrors of the gc and restart plugins' config structs (containerd@v1.7.0 gc/scheduler/scheduler.go,
// runtime/restart/monitor/monitor.go; containerd@v2.0.0 plugins/gc/scheduler.go, plugins/restart/monitor.go,
// internal/tomlext/toml_v2_util.go), with the same TextUnmarshalers.

import "time"

type schedulerDuration time.Duration

func (d *schedulerDuration) UnmarshalText(text []byte) error {
	ed, err := time.ParseDuration(string(text))
	if err != nil {
		return err
	}
	*d = schedulerDuration(ed)
	return nil
}

type G17Config struct {
	PauseThreshold    float64           `toml:"pause_threshold"`
	DeletionThreshold int               `toml:"deletion_threshold"`
	MutationThreshold int               `toml:"mutation_threshold"`
	ScheduleDelay     schedulerDuration `toml:"schedule_delay"`
	StartupDelay      schedulerDuration `toml:"startup_delay"`
}

type monitorDuration struct {
	time.Duration
}

func (d *monitorDuration) UnmarshalText(text []byte) error {
	var err error
	d.Duration, err = time.ParseDuration(string(text))
	return err
}

type R17Config struct {
	Interval monitorDuration `toml:"interval"`
}

type tomlextDuration time.Duration

func (d *tomlextDuration) UnmarshalText(b []byte) error {
	x, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = tomlextDuration(x)
	return nil
}

type G20Config struct {
	PauseThreshold    float64         `toml:"pause_threshold"`
	DeletionThreshold int             `toml:"deletion_threshold"`
	MutationThreshold int             `toml:"mutation_threshold"`
	ScheduleDelay     tomlextDuration `toml:"schedule_delay"`
	StartupDelay      tomlextDuration `toml:"startup_delay"`
}

type R20Config struct {
	Interval tomlextDuration `toml:"interval"`
}

// Command decode decodes each file as containerd does, into mirror structs of containerd's config types
// (structs.go), with the real go-toml: v1 (Tree.Unmarshal into the 1.7 Config, then the CRI plugin's table
// into the 1.7 CRI PluginConfig) and v2 (strict, then lenient, into the 2.0 Config; then each CRI plugin's
// table, re-marshalled, into the 2.2 CRI configs). It says which keys v2's strict mode reports and the
// first error of each stage. Built by test/oracles against the Debian go-toml packages:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o decode ./test/oracles/decode
//
// Usage: decode FILE...  or  decode - (one path per line on stdin). One JSON object per line.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/ioutil"
	"os"
	"regexp"
	"strings"

	toml1 "github.com/pelletier/go-toml"
	toml2 "github.com/pelletier/go-toml/v2"
)

type stage struct {
	Error  string `json:"error,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Panic  bool   `json:"panic,omitempty"`
}

type result struct {
	File      string           `json:"file"`
	V1        stage            `json:"v1"`
	V1CRI     *stage           `json:"v1cri,omitempty"`
	V1Plugins map[string]stage `json:"v1plugins,omitempty"`
	V2        stage            `json:"v2"`
	V2Unknown []string         `json:"v2unknown,omitempty"`
	V2Plugins map[string]stage `json:"v2plugins,omitempty"`
}

// The mirror types are named T17Config, C22Runtime, …: containerd's are config.Config, config.Runtime.
var prefix = regexp.MustCompile(`main\.(T17|C17|T20|C22)|\b(T17|C17|T20|C22)([A-Z])`)

// The gc and restart mirrors (plugins.go) print as containerd's package-qualified names.
var pluginNames = strings.NewReplacer(
	"main.G17Config", "scheduler.config", "main.G20Config", "scheduler.config",
	"main.schedulerDuration", "scheduler.duration", "main.tomlextDuration", "tomlext.Duration",
	"main.monitorDuration", "monitor.duration", "main.R17Config", "monitor.Config", "main.R20Config", "monitor.Config",
)

func clean(s string) string {
	s = pluginNames.Replace(s)
	return prefix.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "main.") {
			return "config."
		}
		return m[len(m)-1:]
	})
}

func fromError(err error) stage {
	var de *toml2.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return stage{Error: clean(de.Error()), Line: row, Column: col}
	}
	return stage{Error: clean(err.Error())}
}

func guard(s *stage) {
	if r := recover(); r != nil {
		*s = stage{Error: clean(fmt.Sprint(r)), Panic: true}
	}
}

func v1Plugin(t toml1.Tree, into interface{}) (out stage) {
	defer guard(&out)
	if err := t.Unmarshal(into); err != nil {
		out = stage{Error: clean(err.Error())}
	}
	return out
}

func v1(b []byte) (s stage, cri *stage, plugins map[string]stage) {
	defer guard(&s)
	tree, err := toml1.LoadBytes(b)
	if err != nil {
		return stage{Error: err.Error()}, nil, nil
	}
	var c T17Config
	if err := tree.Unmarshal(&c); err != nil {
		return stage{Error: clean(err.Error())}, nil, nil
	}
	plugins = map[string]stage{}
	if t, ok := c.Plugins["io.containerd.gc.v1.scheduler"]; ok {
		plugins["io.containerd.gc.v1.scheduler"] = v1Plugin(t, &G17Config{})
	}
	if t, ok := c.Plugins["io.containerd.internal.v1.restart"]; ok {
		plugins["io.containerd.internal.v1.restart"] = v1Plugin(t, &R17Config{})
	}
	if t, ok := c.Plugins["io.containerd.grpc.v1.cri"]; ok {
		out := stage{}
		func() {
			defer guard(&out)
			var p C17PluginConfig
			if err := t.Unmarshal(&p); err != nil {
				out = stage{Error: clean(err.Error())}
			}
		}()
		cri = &out
	}
	return stage{}, cri, plugins
}

func decodePlugin(data interface{}, into interface{}) (s stage) {
	defer guard(&s)
	b, err := toml2.Marshal(data)
	if err != nil {
		return stage{Error: err.Error()}
	}
	if err := toml2.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields().Decode(into); err != nil {
		var serr *toml2.StrictMissingError
		if errors.As(err, &serr) {
			err = toml2.Unmarshal(b, into)
		}
		if err != nil {
			return fromError(err)
		}
	}
	return stage{}
}

func v2(b []byte) (s stage, unknown []string, plugins map[string]stage) {
	defer guard(&s)
	var c T20Config
	err := toml2.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields().Decode(&c)
	var serr *toml2.StrictMissingError
	if errors.As(err, &serr) {
		for _, e := range serr.Errors {
			unknown = append(unknown, strings.Join(e.Key(), "."))
		}
		c = T20Config{}
		err = toml2.Unmarshal(b, &c)
	}
	if err != nil {
		return fromError(err), unknown, nil
	}
	plugins = map[string]stage{}
	for id, into := range map[string]interface{}{
		"io.containerd.cri.v1.runtime":               &C22RuntimeConfig{},
		"io.containerd.cri.v1.images":                &C22ImageConfig{},
		"io.containerd.grpc.v1.cri":                  &C22ServerConfig{},
		"io.containerd.gc.v1.scheduler":              &G20Config{},
		"io.containerd.monitor.container.v1.restart": &R20Config{},
	} {
		if data, ok := c.Plugins[id]; ok {
			plugins[id] = decodePlugin(data, into)
		}
	}
	return stage{}, unknown, plugins
}

func one(path string) result {
	b, err := ioutil.ReadFile(path)
	if err != nil {
		return result{File: path, V1: stage{Error: err.Error()}}
	}
	r := result{File: path}
	r.V1, r.V1CRI, r.V1Plugins = v1(b)
	r.V2, r.V2Unknown, r.V2Plugins = v2(b)
	return r
}

func main() {
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	if len(os.Args) == 2 && os.Args[1] == "-" {
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(make([]byte, 1<<20), 1<<20)
		for in.Scan() {
			_ = out.Encode(one(in.Text()))
		}
		return
	}
	for _, path := range os.Args[1:] {
		_ = out.Encode(one(path))
	}
}

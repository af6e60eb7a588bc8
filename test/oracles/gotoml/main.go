// Command gotoml says whether go-toml v1 (toml.LoadBytes, what containerd 1.x calls) and go-toml v2
// (toml.Unmarshal into map[string]interface{}) accept each file, with the error and its position.
// Built by test/oracles against the Debian packages golang-github-pelletier-go-toml-dev (1.9.4) and
// golang-github-pelletier-go-toml.v2-dev (2.0.6):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o gotoml ./test/oracles/gotoml
//
// Usage: gotoml [-trees] FILE...  or  gotoml [-trees] - (one path per line on stdin). One JSON object per
// line on stdout; -trees adds each accepted document as typed JSON.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/ioutil"
	"os"

	toml1 "github.com/pelletier/go-toml"
	toml2 "github.com/pelletier/go-toml/v2"
)

type verdict struct {
	OK      bool        `json:"ok"`
	Message string      `json:"message,omitempty"`
	Line    int         `json:"line,omitempty"`
	Column  int         `json:"column,omitempty"`
	Panic   bool        `json:"panic,omitempty"`
	Tree    interface{} `json:"tree,omitempty"`
	// Written is the accepted v1 tree as go-toml v1 writes it back (Tree.String), with -trees.
	Written string `json:"written,omitempty"`
}

// withTrees adds each accepted document as typed JSON ({"t": kind, "v": value}), with -trees.
var withTrees = false

// typed renders a decoded value with its Go type, so a test can compare kinds as well as values.
func typed(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		out := map[string]interface{}{}
		for k, e := range x {
			out[k] = typed(e)
		}
		return map[string]interface{}{"t": "table", "v": out}
	case []map[string]interface{}:
		items := []interface{}{}
		for _, e := range x {
			items = append(items, typed(e))
		}
		return map[string]interface{}{"t": "tables", "v": items}
	case []interface{}:
		items := []interface{}{}
		for _, e := range x {
			items = append(items, typed(e))
		}
		return map[string]interface{}{"t": "array", "v": items}
	case string:
		return map[string]interface{}{"t": "string", "v": x}
	case int64:
		return map[string]interface{}{"t": "integer", "v": fmt.Sprint(x)}
	case uint64:
		return map[string]interface{}{"t": "integer", "v": fmt.Sprint(x)}
	case float64:
		return map[string]interface{}{"t": "float", "v": fmt.Sprint(x)}
	case bool:
		return map[string]interface{}{"t": "boolean", "v": x}
	default:
		return map[string]interface{}{"t": fmt.Sprintf("%T", x), "v": fmt.Sprint(x)}
	}
}

type result struct {
	File string  `json:"file"`
	V1   verdict `json:"v1"`
	V2   verdict `json:"v2"`
	Err  string  `json:"error,omitempty"`
}

func v1(b []byte) (v verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = verdict{OK: false, Message: fmt.Sprint(r), Panic: true}
		}
	}()
	tree, err := toml1.LoadBytes(b)
	if err != nil {
		return verdict{OK: false, Message: err.Error()}
	}
	if withTrees {
		return verdict{OK: true, Tree: typed(tree.ToMap()), Written: tree.String()}
	}
	return verdict{OK: true}
}

func v2(b []byte) (v verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = verdict{OK: false, Message: fmt.Sprint(r), Panic: true}
		}
	}()
	var m map[string]interface{}
	err := toml2.Unmarshal(b, &m)
	if err == nil {
		if withTrees {
			return verdict{OK: true, Tree: typed(m)}
		}
		return verdict{OK: true}
	}
	var de *toml2.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return verdict{OK: false, Message: de.Error(), Line: row, Column: col}
	}
	return verdict{OK: false, Message: err.Error()}
}

func one(path string) result {
	b, err := ioutil.ReadFile(path)
	if err != nil {
		return result{File: path, Err: err.Error()}
	}
	return result{File: path, V1: v1(b), V2: v2(b)}
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-trees" {
		withTrees = true
		os.Args = append(os.Args[:1], os.Args[2:]...)
	}
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

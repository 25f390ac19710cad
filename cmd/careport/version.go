package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/pflag"
)

// version is set at build time with -ldflags "-X main.version=..."; by
// default it comes from the module's build information.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		if v != "" {
			return v
		}
	}
	return "(devel)"
}

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print careport's version",
		usage:   "",
		help:    "Prints the version of careport and of Go it was built with.\n\nExample:\n  careport version",
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q (it takes no arguments)", args[0])
				}
				bi, _ := debug.ReadBuildInfo()
				goVersion := ""
				if bi != nil {
					goVersion = bi.GoVersion
				}
				fmt.Fprintf(e.stdout, "careport %s %s\n", versionString(), goVersion)
				return nil
			}
		},
	}
}

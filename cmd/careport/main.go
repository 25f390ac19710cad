// Command careport turns a CoachAccountable account into the reports a
// coaching business runs on: XLSX workbooks, CSV files and HTML pages built
// from the CoachAccountable API, or from a local sandbox that emulates it.
//
// Run `careport help` for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

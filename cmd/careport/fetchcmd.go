package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/snapshot"
	"github.com/careport/careport/reports/revenue"
)

func fetchCommand() *command {
	var (
		af       apiFlags
		out      string
		from, to string
	)
	return &command{
		name:    "fetch",
		summary: "save every API response the reports need to a snapshot folder",
		usage:   "--out DIR [--from YYYY-MM --to YYYY-MM]",
		help: `Fetches everything the reports need and writes each raw response body exactly as
received into DIR, plus manifest.json (time fetched, API host, account timezone,
each call's function and parameters without credentials, sha256 of each file).
Every file is written atomically and the manifest last: a fetch that fails leaves
no manifest, so half a snapshot is never mistaken for a whole one.

Reports then run from the snapshot with --snapshot DIR and make no network call;
their results are identical to a live run. The reports fetch whole lists and
filter locally, so one snapshot serves any period; --from/--to record the months
the snapshot is meant for, and a report asked for a month outside them refuses.

Examples:
  careport fetch --out snap/
  careport fetch --out snap-2026/ --from 2026-01 --to 2026-10
  careport revenue --snapshot snap/ --period 2026-10`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			fs.StringVar(&out, "out", "", "snapshot folder to write (created if missing; required)")
			fs.StringVar(&from, "from", "", "first month (YYYY-MM) the snapshot is meant for")
			fs.StringVar(&to, "to", "", "last month (YYYY-MM) the snapshot is meant for")
			af.add(fs, false)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if out == "" {
					return usagef("--out DIR is required")
				}
				opts := map[string]string{}
				for name, v := range map[string]string{"from": from, "to": to} {
					if v == "" {
						continue
					}
					if _, err := time.Parse("2006-01", v); err != nil {
						return usagef("--%s %q: want YYYY-MM", name, v)
					}
					opts[name] = v
				}
				if from != "" && to != "" && to < from {
					return usagef("--to %s is before --from %s", to, from)
				}
				log, err := af.log.logger(e.stderr)
				if err != nil {
					return err
				}
				w, err := snapshot.Create(out)
				if err != nil {
					return err
				}
				c, _, err := af.client(e, log, w)
				if err != nil {
					return err
				}
				started := e.now()
				d, err := revenue.Fetch(e.ctx, c, e.now)
				if err != nil {
					return err
				}
				tz := ""
				if loc := c.Location(); loc != nil {
					tz = loc.String()
				}
				m, err := w.Finish(snapshot.Manifest{
					FetchedAt: started.UTC(),
					APIHost:   af.apiHost(e),
					Timezone:  tz,
					Tool:      "careport " + versionString(),
					Options:   opts,
				})
				if err != nil {
					return err
				}
				bytes := 0
				for _, c := range m.Calls {
					bytes += c.Bytes
				}
				fmt.Fprintf(e.stdout, "snapshot %s: %d calls, %d bytes, %d invoices, %d clients (timezone %s)\n",
					out, len(m.Calls), bytes, len(d.Invoices), len(d.Clients), tz)
				return nil
			}
		},
	}
}

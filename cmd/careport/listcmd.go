package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
)

// listCommand prints what a user needs to fill in the --coach and
// --currency flags, and the reports there are.
func listCommand() *command {
	var af apiFlags
	what := []string{"coaches", "clients", "currencies", "reports"}
	return &command{
		name:    "list",
		summary: "list the account's coaches, clients or currencies (values for --coach, --currency)",
		usage:   "coaches|clients|currencies|reports",
		help: `Prints one of:
  coaches     every coach: CoachID, name, email, active or not (for --coach)
  clients     every client: ClientID, name, email, primary coach, company
  currencies  every currency the account's invoices use, with the invoice count (for --currency)
  reports     the reports careport can build (no API call)

Examples:
  careport list coaches
  careport list currencies --snapshot snap/`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			af.add(fs, true)
			return func(args []string) error {
				if len(args) == 0 {
					return usagef("say what to list: %s", strings.Join(what, ", "))
				}
				if len(args) > 1 {
					return usagef("unexpected argument %q: list one of %s at a time", args[1], strings.Join(what, ", "))
				}
				kind := args[0]
				if !slices.Contains(what, kind) {
					return usagef("cannot list %q (want %s)%s", kind, strings.Join(what, ", "), suggest(kind, what))
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
				defer tw.Flush()
				if kind == "reports" {
					for _, s := range reportList() {
						fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.Summary)
					}
					return nil
				}
				log, err := af.log.logger(e.stderr)
				if err != nil {
					return err
				}
				src, err := openSource(e, &af, log, nil)
				if err != nil {
					return err
				}
				defer src.close()
				ds := src.data
				switch kind {
				case "coaches":
					if err := ds.Load(e.ctx, dataset.Of(dataset.Coaches)); err != nil {
						return err
					}
					cs, err := ds.Coaches()
					if err != nil {
						return err
					}
					cs = slices.Clone(cs)
					slices.SortFunc(cs, func(a, b fetch.Coach) int { return a.ID - b.ID })
					fmt.Fprintln(tw, "CoachID\tName\tEmail\tActive")
					for _, c := range cs {
						fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", c.ID, terminalSafe(c.FirstName+" "+c.LastName), terminalSafe(c.Email), yesNo(c.IsActive))
					}
				case "clients":
					if err := ds.Load(e.ctx, dataset.Of(dataset.Clients, dataset.Coaches)); err != nil {
						return err
					}
					cl, err := ds.Clients()
					if err != nil {
						return err
					}
					cl = slices.Clone(cl)
					slices.SortFunc(cl, func(a, b fetch.ClientRecord) int { return a.ID - b.ID })
					cs, _ := ds.Coaches()
					coach := map[int]string{}
					for _, c := range cs {
						coach[c.ID] = c.FirstName + " " + c.LastName
					}
					fmt.Fprintln(tw, "ClientID\tName\tEmail\tPrimary coach\tCompany\tActive")
					for _, c := range cl {
						fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, terminalSafe(c.FirstName+" "+c.LastName), terminalSafe(c.Email),
							terminalSafe(coach[c.CoachID]), terminalSafe(c.CompanyName), yesNo(c.IsActive))
					}
				case "currencies":
					if err := ds.Load(e.ctx, dataset.Of(dataset.Invoices)); err != nil {
						return err
					}
					inv, err := ds.Invoices()
					if err != nil {
						return err
					}
					n := map[string]int{}
					for _, i := range inv {
						n[i.Currency]++
					}
					codes := make([]string, 0, len(n))
					for c := range n {
						codes = append(codes, c)
					}
					slices.Sort(codes)
					fmt.Fprintln(tw, "Currency\tInvoices")
					for _, c := range codes {
						fmt.Fprintf(tw, "%s\t%s\n", terminalSafe(c), strconv.Itoa(n[c]))
					}
				}
				return nil
			}
		},
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

package reports

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports/model"
)

// Spec describes one kind of report: everything the command line, the
// fetcher, the demo and (later) the jobs runner need to know of it. The list
// of Specs lives in one place in cmd; every command that works over reports
// iterates it, so adding a report means writing its package and adding its
// Spec to that list.
type Spec struct {
	// Name is the report's command name, e.g. "revenue".
	Name string
	// Summary is one line for the command list.
	Summary string
	// Usage is the synopsis of the report's own flags shown after the
	// common ones, e.g. "[--currency CODE]"; "" when it has none.
	Usage string
	// Help is the long description: what the report shows, its sheets,
	// and examples.
	Help string
	// Periods, when set, replaces the list of period forms in the help of
	// --period, --from and --to, for a report that accepts only some of
	// them (revenue: whole months); "" means every form.
	Periods string
	// Demo lists the demo runs of the report (`careport demo`): each is
	// the argument list of one run, as typed after `careport NAME` (the
	// report's own flags and the common ones, e.g. {"--coach", "Ann Lee"}).
	// nil means one run with the defaults.
	Demo [][]string
	// New returns a fresh instance of the report and registers its own
	// flags (beyond the common ones every report has) on fs. fs may be
	// parsed before Needs is called; New must not read the flags itself.
	New func(fs *pflag.FlagSet) Report
}

// Report is one run of a report kind.
type Report interface {
	// CheckFlags checks the syntax of the report's own flags before any
	// call is made, so that a typo fails at once; an error wraps
	// ErrOptions.
	CheckFlags() error
	// Needs checks the report's own flags against p and returns the data
	// the report needs for p. It makes no call. An error caused by the
	// user's options wraps ErrOptions.
	Needs(p Params) ([]dataset.Need, error)
	// Build builds the report from data loaded for Needs(p): a pure step
	// that makes no network call and reads nothing but d and p. An error
	// caused by the user's options (a currency the account does not use,
	// say) wraps ErrOptions and lists the valid values.
	Build(d *dataset.Set, p Params) (*model.Report, error)
}

// Staged is implemented by a report that needs data whose extent depends
// on other data: the actions of only the clients active in the period, the
// metrics of only the clients that reported a field. After everything
// every report's Needs declared is loaded, the command calls MoreNeeds with
// that data and loads what it returns (once for every report, as the first
// stage) before Build. Like Needs it makes no call; unlike Build it may
// read only the data its own Needs declared.
type Staged interface {
	MoreNeeds(d *dataset.Set, p Params) ([]dataset.Need, error)
}

// Params are the parameters every report takes, resolved by the command
// before Needs: the period in the account zone, the coach filter as an ID,
// the account name for the title block and the clocks.
type Params struct {
	// Period is the report period in the account zone.
	Period model.Period
	// CoachID, when not 0, restricts the report to this coach (a coach of
	// the account; the command resolves an email or a name to it).
	CoachID int
	// CoachName is the display name of CoachID, for titles and file names.
	CoachName string
	// AccountName is shown in the title block.
	AccountName string
	// Location is the account time zone; Period is in it.
	Location *time.Location
	// DataTime is when the data was fetched (the snapshot's fetch time
	// for an offline run).
	DataTime time.Time
	// GeneratedAt is when the report is built (the injected clock).
	GeneratedAt time.Time
}

// ErrOptions is returned (wrapped) when a report cannot run with the
// options it was given; the message says why and what would be valid.
var ErrOptions = errors.New("invalid report options")

// Optionsf returns an error wrapping ErrOptions.
func Optionsf(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrOptions)
}

// Check checks a list of Specs: names present, lower case, unique and not
// shadowing each other; New set. cmd's tests call it on the report list.
func Check(specs []Spec) error {
	seen := map[string]bool{}
	for i, s := range specs {
		switch {
		case s.Name == "" || s.Name != strings.ToLower(s.Name) || strings.ContainsAny(s.Name, " \t/"):
			return fmt.Errorf("report %d: bad name %q", i, s.Name)
		case seen[s.Name]:
			return fmt.Errorf("report %q listed twice", s.Name)
		case s.New == nil:
			return fmt.Errorf("report %q: no New", s.Name)
		case s.Summary == "" || s.Help == "":
			return fmt.Errorf("report %q: summary and help are required", s.Name)
		}
		seen[s.Name] = true
	}
	return nil
}

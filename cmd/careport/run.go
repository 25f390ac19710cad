package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Exit codes of careport.
const (
	exitOK      = 0 // success
	exitFailure = 1 // the run failed (network, API, output)
	exitUsage   = 2 // the command line was wrong
)

// env is the process environment, injected so tests can set it.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time
}

// command is one subcommand of careport.
type command struct {
	name    string
	summary string
	// usage is the argument synopsis shown after the name.
	usage string
	// help is the long description with examples shown by --help.
	help string
	// flags adds the subcommand's flags to fs and returns the function that
	// runs it once fs is parsed.
	flags func(fs *pflag.FlagSet, e *env) func(args []string) error
}

// commands lists careport's subcommands: one per report in the report
// list, then the tools.
func commands() []*command {
	var cs []*command
	for _, s := range reportList() {
		cs = append(cs, reportCommand(s))
	}
	return append(cs,
		runCommand(),
		fetchCommand(),
		listCommand(),
		demoCommand(),
		sandboxCommand(),
		versionCommand(),
	)
}

// usageError marks an error caused by the command line; it exits with 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// run is careport's main: it parses args, runs one subcommand and returns
// the process exit code. It writes data to files or stdout and messages to
// stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	return runEnv(&env{ctx: ctx, stdout: stdout, stderr: stderr, getenv: getenv, now: time.Now}, args)
}

// exitInterrupted is the status of a run stopped by Ctrl-C or SIGTERM
// (128 + SIGINT, as shells report it).
const exitInterrupted = 130

// runEnv is run with the environment gathered in e (tests inject a clock).
func runEnv(e *env, args []string) int {
	out := &errWriter{w: e.stdout}
	e.stdout = out
	code := dispatch(e, args)
	if out.err != nil && code == exitOK {
		fmt.Fprintf(e.stderr, "careport: cannot write the output: %s\n", plainFSError(out.err))
		return exitFailure
	}
	return code
}

// errWriter remembers the first write error (a full disk, a closed pipe),
// so that a run whose output was lost does not exit 0.
type errWriter struct {
	w   io.Writer
	err error
}

func (w *errWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	if err != nil {
		w.err = err
	}
	return n, err
}

// globalFlags are flags that may come before the subcommand name; they are
// moved after it, where every subcommand that logs defines them.
var globalFlags = map[string]bool{"-q": true, "--quiet": true, "-v": true, "--verbose": true, "--log-format": false}

// splitGlobal takes the global flags off the front of args and returns
// them and the rest (starting with the subcommand name).
func splitGlobal(args []string) (global, rest []string) {
	for len(args) > 0 {
		a := args[0]
		name, _, hasValue := strings.Cut(a, "=")
		bare, ok := globalFlags[name]
		if !ok {
			break
		}
		global = append(global, a)
		args = args[1:]
		if !bare && !hasValue && len(args) > 0 {
			global = append(global, args[0])
			args = args[1:]
		}
	}
	return global, args
}

func dispatch(e *env, args []string) int {
	stdout, stderr := e.stdout, e.stderr
	global, args := splitGlobal(args)
	if len(args) == 0 {
		printHelp(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help":
		if len(args) > 1 && args[1] != "help" {
			if c := findCommand(args[1]); c != nil {
				fs := newFlagSet(c, e)
				c.flags(fs, e)
				fs.SetOutput(stdout)
				fs.Usage()
				return exitOK
			}
			fmt.Fprintf(stderr, "careport: unknown command %q%s (run 'careport help')\n", args[1], suggest(args[1], commandNames()))
			return exitUsage
		}
		printHelp(stdout)
		return exitOK
	case "--version":
		name = "version"
	}
	c := findCommand(name)
	if c == nil {
		fmt.Fprintf(stderr, "careport: unknown command %q%s (run 'careport help')\n", name, suggest(name, commandNames()))
		return exitUsage
	}
	fs := newFlagSet(c, e)
	runFn := c.flags(fs, e)
	rest := args[1:]
	if len(global) > 0 {
		if fs.Lookup("quiet") == nil {
			fmt.Fprintf(stderr, "careport %s: takes no %s\n", c.name, global[0])
			return exitUsage
		}
		rest = append(append([]string{}, global...), rest...)
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "careport %s: %v%s\n(run 'careport %s --help')\n", c.name, err, suggestFlag(err, fs), c.name)
		return exitUsage
	}
	if help, _ := fs.GetBool("help"); help {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	}
	err := runFn(fs.Args())
	return exitCode(e, c.name, err)
}

func commandNames() []string {
	var out []string
	for _, c := range commands() {
		out = append(out, c.name)
	}
	return append(out, "help")
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command, e *env) *pflag.FlagSet {
	fs := pflag.NewFlagSet("careport "+c.name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("careport "+c.name+" "+c.usage), strings.TrimSpace(c.help))
		if fs.HasFlags() {
			fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
		}
	}
	// An explicit help flag (rather than pflag's built-in one) so that
	// --help prints to stdout and exits 0: it is what the user asked for.
	var help bool
	switchVarP(fs, &help, "help", "h", false, "show this help")
	return fs
}

// switchValue is an on/off flag's value. pflag's own bool flags are shown
// in help as "--quiet[=true|false]"; this one reads as "--quiet", parses
// the same (bare, =true, =false) and refuses other values in plain words.
type switchValue struct{ p *bool }

func (s switchValue) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return errors.New("want true or false")
	}
	*s.p = b
	return nil
}

func (s switchValue) String() string {
	if s.p == nil {
		return "false"
	}
	return strconv.FormatBool(*s.p)
}

func (s switchValue) Type() string { return "bool" }

// switchVarP defines an on/off flag: --name alone sets it.
func switchVarP(fs *pflag.FlagSet, p *bool, name, short string, value bool, usage string) {
	*p = value
	fs.VarPF(switchValue{p}, name, short, usage).NoOptDefVal = "true"
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `careport turns a CoachAccountable account into reports: XLSX workbooks, CSV files
and self-contained HTML pages (--format `+strings.Join(formatNames(), ",")+`).

Usage: careport <command> [flags]

Commands:
`)
	width := len("help")
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-*s %s\n", width, c.name, c.summary)
		if c.name == reportList()[len(reportList())-1].Name {
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "  %-*s show this help, or 'careport help <command>' for one command\n", width, "help")
	fmt.Fprintf(w, `
Global flags (before or after the command): -q/--quiet, -v/--verbose,
--log-format text|json.

Credentials come from CA_API_ID and CA_API_KEY, or from a file given with
--credentials (mode 0600); never from a flag. CA_API_URL (or --api-url) points
careport at another endpoint, e.g. a local sandbox.

Exit codes: 0 ok, 1 the run failed, 2 the command line was wrong.
Start with 'careport demo', or run 'careport sandbox' and point a report at it.
`)
}

// exitCode reports err on stderr and maps it to an exit code: the one place
// where errors become codes.
func exitCode(e *env, name string, err error) int {
	stderr := e.stderr
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "careport %s: %s\n(run 'careport %s --help')\n", name, terminalSafeLines(err.Error()), name)
		return exitUsage
	}
	if interrupted(e.ctx, err) {
		fmt.Fprintf(stderr, "careport %s: interrupted; no output was changed\n", name)
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "careport %s: %s\n", name, terminalSafeLines(err.Error()))
	if hint := errorHint(err); hint != "" {
		fmt.Fprintf(stderr, "  %s\n", hint)
	}
	return exitFailure
}

// logFlags are the logging flags every subcommand has.
type logFlags struct {
	format  string
	verbose bool
	quiet   bool
}

func (l *logFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&l.format, "log-format", "text", "log format on stderr: text or json")
	switchVarP(fs, &l.verbose, "verbose", "v", false, "log debug details (every API call) to stderr")
	switchVarP(fs, &l.quiet, "quiet", "q", false, "log only warnings and errors; no progress bar")
}

func (l *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	level := slog.LevelInfo
	if l.verbose {
		level = slog.LevelDebug
	}
	if l.quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	switch l.format {
	case "text":
		return slog.New(newSentenceHandler(w, level)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("--log-format must be text or json, not %q", l.format)
}

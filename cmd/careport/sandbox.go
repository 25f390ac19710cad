package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
)

func sandboxCommand() *command {
	var (
		addr      string
		acctPath  string
		genSize   string
		seed      int64
		statePath string
		latency   time.Duration
		jitter    time.Duration
		faults    float64
		faultSeed int64
		lf        logFlags
	)
	return &command{
		name:    "sandbox",
		summary: "run a local emulator of the CoachAccountable API",
		usage:   "[--addr HOST:PORT] [--account FILE | --generate small|large --seed N] [--state FILE]",
		help: `Serves a faithful local emulator of the CoachAccountable API at /API/, so that
careport (or any script written for the live API) can be tried without touching a
real account. With no account option it serves the small sample account
(samples/small.json, built in).

It accepts the credentials in CA_API_ID and CA_API_KEY, the same variables the
client reads; when they are unset it makes a pair and prints it. It listens on
loopback unless --addr says otherwise (--addr 0.0.0.0:8765 listens on all
interfaces; the URL printed is then the loopback one, since careport sends the
key over plain http only to loopback), prints the API URL, and runs until
interrupted (Ctrl-C). With --state it checks at start that the file can be
written, and saves the account to it after every change and on the way out.

Examples:
  careport sandbox
  careport sandbox --addr 127.0.0.1:8765 --generate large --seed 7
  careport sandbox --account samples/example-account.json --state /tmp/ca-state.json
  careport sandbox --latency 50ms --jitter 20ms --faults 0.1   # reliability drills`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			fs.StringVar(&addr, "addr", "127.0.0.1:8765", "address to listen on (loopback by default)")
			fs.StringVar(&acctPath, "account", "", "serve the account in this JSON file (format: samples/README.md)")
			fs.StringVar(&genSize, "generate", "", "serve a generated account: small or large")
			fs.Int64Var(&seed, "seed", generate.SampleSeed, "seed of --generate (same seed, same account); only with --generate")
			fs.StringVar(&statePath, "state", "", "load the account from FILE if it exists and save every change to it (atomically)")
			fs.DurationVar(&latency, "latency", 0, "delay added to every API call, e.g. 50ms")
			fs.DurationVar(&jitter, "jitter", 0, "random extra delay of up to this much per call")
			fs.Float64Var(&faults, "faults", 0, "share of calls (0..1) that get an injected fault: HTTP 500/502/503, 429, dropped connection, truncated or slow body")
			fs.Int64Var(&faultSeed, "fault-seed", 1, "seed of the fault and jitter draws")
			lf.add(fs)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				log, err := lf.logger(e.stderr)
				if err != nil {
					return err
				}
				if acctPath != "" && genSize != "" {
					return usagef("--account and --generate exclude each other")
				}
				if faults < 0 || faults > 1 {
					return usagef("--faults must be between 0 and 1, not %g", faults)
				}
				if fs.Changed("seed") && genSize == "" {
					return usagef("--seed goes with --generate: it picks which account is generated")
				}
				if latency < 0 {
					return usagef("--latency must not be negative, not %s", latency)
				}
				if jitter < 0 {
					return usagef("--jitter must not be negative, not %s", jitter)
				}
				if _, _, err := net.SplitHostPort(addr); err != nil {
					return usagef("--addr %s: want HOST:PORT, e.g. 127.0.0.1:8765 (port 0 picks a free one)", addr)
				}
				if err := checkStatePath(statePath); err != nil {
					return err
				}
				acct, err := sandboxAccount(acctPath, genSize, seed, statePath)
				if err != nil {
					return err
				}
				id, key := e.getenv("CA_API_ID"), e.getenv("CA_API_KEY")
				madeUp := false
				if id == "" || key == "" {
					id, key, madeUp = randomToken(15), randomToken(20), true
				}
				srv, err := sandbox.New(sandbox.Options{
					Account: acct, APIID: id, APIKey: key,
					Latency: latency, Jitter: jitter, Faults: faults, Seed: faultSeed,
					StatePath: statePath, Logger: log,
				})
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", addr)
				if errors.Is(err, syscall.EADDRINUSE) {
					return fmt.Errorf("--addr %s is already in use (another sandbox?); pick another port, or port 0 for a free one", addr)
				}
				if err != nil {
					return fmt.Errorf("listen on %s: %w", addr, err)
				}
				url, note := sandboxURL(ln.Addr())
				fmt.Fprintf(e.stdout, "CoachAccountable sandbox serving %q (timezone %s)\n", acct.Name, acct.Timezone)
				if note != "" {
					fmt.Fprintf(e.stdout, "  %s\n", note)
				}
				fmt.Fprintf(e.stdout, "  export CA_API_URL=%s\n", url)
				if madeUp {
					fmt.Fprintf(e.stdout, "  export CA_API_ID=%s\n  export CA_API_KEY=%s\n", id, key)
				} else {
					fmt.Fprintf(e.stdout, "  credentials: CA_API_ID and CA_API_KEY from the environment\n")
				}
				fmt.Fprintf(e.stdout, "Press Ctrl-C to stop.\n")
				return serveUntilDone(e.ctx, ln, srv)
			}
		},
	}
}

// sandboxURL returns the API URL to print for the listener's address, and
// a note for the user when the address needs one. careport's client
// refuses plain http to any host but loopback, so an address listening on
// all interfaces (0.0.0.0, ::, or no host) is printed as 127.0.0.1, which
// reaches it from the same machine.
func sandboxURL(addr net.Addr) (url, note string) {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/API/", ""
	}
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsUnspecified():
		host = "127.0.0.1"
		note = fmt.Sprintf("Listening on all interfaces, port %s. From this machine:", port)
	case ip != nil && !ip.IsLoopback():
		note = fmt.Sprintf("Listening on %s only: careport sends the API key over plain http only to a loopback address (127.0.0.1, ::1, localhost), so it will refuse this URL; listen on 127.0.0.1 or 0.0.0.0 to use careport on this machine.", host)
	}
	return "http://" + net.JoinHostPort(host, port) + "/API/", note
}

// checkStatePath checks at start that --state can be saved: its folder
// exists and is writable, and the path is not itself a folder. Without this
// a bad path would only fail when the first change or the shutdown saves
// the account, after the user has worked with the sandbox.
func checkStatePath(path string) error {
	if path == "" {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usagef("--state %s is a folder; give the path of a file (it is created if missing)", path)
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("--state %s: the folder %s does not exist; create it first", path, dir)
	case err != nil:
		return fmt.Errorf("--state %s: cannot read the folder %s: %s", path, dir, plainFSError(err))
	case !fi.IsDir():
		return usagef("--state %s: %s is a file, not a folder", path, dir)
	}
	f, err := os.CreateTemp(dir, ".careport-state-check-*")
	if err != nil {
		return fmt.Errorf("--state %s: cannot write in the folder %s: %s", path, dir, plainFSError(err))
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		return fmt.Errorf("--state %s: writing in the folder %s: %s", path, dir, plainFSError(err))
	}
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("--state %s: removing the test file %s: %s", path, name, plainFSError(err))
	}
	return nil
}

// sandboxAccount picks the account to serve: the state file when it exists,
// else --account, else --generate, else the small sample.
func sandboxAccount(acctPath, genSize string, seed int64, statePath string) (*account.Account, error) {
	if statePath != "" {
		a, err := account.Load(statePath)
		if err == nil {
			return a, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("--state: %w", err)
		}
	}
	if acctPath != "" {
		a, err := account.Load(acctPath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, usagef("--account %s: no such file", acctPath)
		case errors.Is(err, io.EOF):
			return nil, fmt.Errorf("--account %s: the file is empty; an account file is JSON (format: samples/README.md)", acctPath)
		case err != nil:
			return nil, fmt.Errorf("--account: %w (format: samples/README.md)", err)
		}
		return a, nil
	}
	size := generate.Small
	if genSize != "" {
		s, err := generate.ParseSize(genSize)
		if err != nil {
			return nil, usageError{err}
		}
		size = s
	}
	return generate.Generate(size, seed)
}

func serveUntilDone(ctx context.Context, ln net.Listener, srv *sandbox.Server) error {
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil && serveErr == nil {
		serveErr = err
	}
	if err := srv.Close(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

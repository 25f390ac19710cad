package output

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary act as a run writing an output set (see
// TestHelperProcess): its value is the output folder.
const helperEnv = "CAREPORT_OUTPUT_HELPER"

// writeFiles writes name -> content into dir (created).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listTree returns "path=content" for every file below dir, and "path/" for
// every folder, sorted; hidden entries included.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			out = append(out, rel+"/")
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, rel+"="+string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// previousRun lays out the outputs of an earlier run: a workbook and a CSV
// folder of three files.
func previousRun(t *testing.T, dir string) []string {
	t.Helper()
	writeFiles(t, dir, map[string]string{"r.xlsx": "old book"})
	writeFiles(t, filepath.Join(dir, "r csv"), map[string]string{"a.csv": "old a", "b.csv": "old b", "Invoices GBP.csv": "old gbp"})
	return listTree(t, dir)
}

func TestCommitReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	previousRun(t, dir)
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path("r.xlsx"), []byte("new book"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, s.Path("r csv"), map[string]string{"a.csv": "new a", "c.csv": "new c"})
	writeFiles(t, s.Path("new.xlsx"), nil)
	if err := os.Remove(filepath.Join(s.Dir(), "new.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), "new.xlsx"), []byte("brand new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	got := listTree(t, dir)
	want := []string{"new.xlsx=brand new", "r csv/", "r csv/a.csv=new a", "r csv/c.csv=new c", "r.xlsx=new book"}
	if !slices.Equal(got, want) {
		t.Errorf("after commit:\ngot  %q\nwant %q", got, want)
	}
	if err := s.Abort(); err != nil {
		t.Errorf("abort after commit: %v", err)
	}
	if err := s.Commit(); err == nil {
		t.Error("second commit succeeded")
	}
}

func TestAbortKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	want := previousRun(t, dir)
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, s.Path("r csv"), map[string]string{"a.csv": "half"})
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := listTree(t, dir); !slices.Equal(got, want) {
		t.Errorf("after abort:\ngot  %q\nwant %q", got, want)
	}
}

func TestCommitRefuses(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		write bool
	}{
		{"path separator", []string{"a/b.csv"}, false},
		{"dot dot", []string{".."}, false},
		{"twice", []string{"r.xlsx", "R.XLSX"}, true},
		{"not written", []string{"r.xlsx"}, false},
		{"staging name", []string{stagingPrefix + "1-x"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want := previousRun(t, dir)
			s, err := Begin(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			for _, n := range tc.names {
				p := s.Path(n)
				if tc.write {
					if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := s.Commit(); err == nil {
				t.Fatal("commit succeeded")
			}
			if err := s.Abort(); err != nil {
				t.Fatal(err)
			}
			if got := listTree(t, dir); !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// deadPID returns the ID of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.Pid()
}

func TestCleanLeftovers(t *testing.T) {
	dir := t.TempDir()
	dead := strconv.Itoa(deadPID(t))
	live := strconv.Itoa(os.Getpid())
	old := time.Now().Add(-2 * StaleAge)
	writeFiles(t, filepath.Join(dir, stagingPrefix+dead+"-123"), map[string]string{"half.csv": "x"})
	writeFiles(t, filepath.Join(dir, stagingPrefix+live+"-456"), map[string]string{"mine.csv": "x"})
	// A run died mid-swap: its CSV folder set aside, the target missing.
	writeFiles(t, filepath.Join(dir, asidePrefix+dead+"-r csv"), map[string]string{"a.csv": "old a"})
	writeFiles(t, filepath.Join(dir, "x csv"), map[string]string{
		".b.csv.tmp-" + dead + "-99": "dead temp",
		".c.csv.tmp-" + live + "-99": "live temp",
		".d.csv.tmp-12345":           "legacy old temp",
		".e.csv.tmp-67890":           "legacy new temp",
		"keep.csv":                   "keep",
	})
	if err := os.Chtimes(filepath.Join(dir, "x csv", ".d.csv.tmp-12345"), old, old); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{".r.xlsx.tmp-" + dead + "-1": "dead book temp", "r.xlsx": "book"})
	if err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	want := []string{
		stagingPrefix + live + "-456/", stagingPrefix + live + "-456/mine.csv=x",
		"r csv/", "r csv/a.csv=old a",
		"r.xlsx=book",
		"x csv/", "x csv/.c.csv.tmp-" + live + "-99=live temp", "x csv/.e.csv.tmp-67890=legacy new temp", "x csv/keep.csv=keep",
	}
	slices.Sort(want)
	if got := listTree(t, dir); !slices.Equal(got, want) {
		t.Errorf("after clean:\ngot  %q\nwant %q", got, want)
	}
}

func TestCleanExcelizeTemps(t *testing.T) {
	tmp := t.TempDir()
	now := time.Now()
	writeFiles(t, tmp, map[string]string{"excelize-old": "x", "excelize-new": "y", "other-old": "z"})
	old := now.Add(-2 * StaleAge)
	for _, n := range []string{"excelize-old", "other-old"} {
		if err := os.Chtimes(filepath.Join(tmp, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := cleanExcelize(tmp, now); err != nil {
		t.Fatal(err)
	}
	want := []string{"excelize-new=y", "other-old=z"}
	if got := listTree(t, tmp); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHelperProcess is not a test: run with helperEnv set, it is a careport
// run writing an output set of a workbook and a CSV folder of 100 files
// slowly, printing "writing" once the set is half written. SIGINT cancels
// its context, and it aborts the set as the CLI does.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	code := func() int {
		s, err := Begin(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer s.Abort()
		if err := os.WriteFile(s.Path("r.xlsx"), []byte("new book"), 0o644); err != nil {
			return 1
		}
		csv := s.Path("r csv")
		if err := os.Mkdir(csv, 0o755); err != nil {
			return 1
		}
		for i := range 100 {
			if i == 50 {
				fmt.Println("writing")
			}
			if err := os.WriteFile(filepath.Join(csv, fmt.Sprintf("f%03d.csv", i)), []byte("new"), 0o644); err != nil {
				return 1
			}
			select {
			case <-ctx.Done():
				return 130
			case <-time.After(20 * time.Millisecond):
			}
		}
		if err := s.Commit(); err != nil {
			return 1
		}
		return 0
	}()
	os.Exit(code)
}

// startHelper starts a run over dir and waits until it is mid-write.
func startHelper(t *testing.T, dir string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "writing" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	return cmd
}

func TestKilledRunKeepsPrevious(t *testing.T) {
	tests := []struct {
		name       string
		sig        syscall.Signal
		leftovers  bool // the run leaves its staging folder for the next Begin
		wantStatus string
	}{
		{"SIGKILL", syscall.SIGKILL, true, "signal: killed"},
		{"SIGINT", syscall.SIGINT, false, "exit status 130"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want := previousRun(t, dir)
			cmd := startHelper(t, dir)
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if err == nil || err.Error() != tc.wantStatus {
				t.Fatalf("helper ended with %v, want %s", err, tc.wantStatus)
			}
			got := listTree(t, dir)
			var staged []string
			got = slices.DeleteFunc(got, func(p string) bool {
				if strings.HasPrefix(p, stagingPrefix) {
					staged = append(staged, p)
					return true
				}
				return false
			})
			if !slices.Equal(got, want) {
				t.Errorf("previous outputs changed:\ngot  %q\nwant %q", got, want)
			}
			if (len(staged) > 0) != tc.leftovers {
				t.Errorf("staging leftovers %q, want leftovers %v", staged, tc.leftovers)
			}
			// The next run cleans up and replaces the set whole.
			s, err := Begin(dir)
			if err != nil {
				t.Fatal(err)
			}
			writeFiles(t, s.Path("r csv"), map[string]string{"only.csv": "next"})
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			want = []string{"r csv/", "r csv/only.csv=next", "r.xlsx=old book"}
			if got := listTree(t, dir); !slices.Equal(got, want) {
				t.Errorf("next run:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

func TestHelperCompletes(t *testing.T) {
	dir := t.TempDir()
	previousRun(t, dir)
	cmd := startHelper(t, dir)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	got := listTree(t, dir)
	if len(got) != 102 || got[0] != "r csv/" || got[1] != "r csv/f000.csv=new" || got[101] != "r.xlsx=new book" {
		t.Errorf("completed run: got %d entries %q...", len(got), got[:3])
	}
}

package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// The decode benchmarks read Invoice.getAll bodies of the large generated
// account (about 95,000 invoices, 52 MB) as the sandbox sends them, cut
// or repeated to 50 and 200 MB. Set CAREPORT_BENCH_BODY to a file path to
// keep the generated body there and reuse it in later runs.

var largeBody = sync.OnceValues(func() ([]byte, error) {
	p := os.Getenv("CAREPORT_BENCH_BODY")
	if p != "" {
		if b, err := os.ReadFile(p); err == nil {
			return b, nil
		}
	}
	b, err := generateBody()
	if err == nil && p != "" {
		err = os.WriteFile(p, b, 0o600)
	}
	return b, err
})

func generateBody() ([]byte, error) {
	a, err := generate.Generate(generate.Large, 1)
	if err != nil {
		return nil, err
	}
	s, err := sandbox.New(sandbox.Options{Account: a, APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	form := "a=Invoice.getAll&APIID=" + sandboxtest.APIID + "&APIKey=" + sandboxtest.APIKey
	req, err := http.NewRequest(http.MethodPost, "http://sandbox/API/", strings.NewReader(form))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := &bodyRecorder{header: http.Header{}}
	s.Handler().ServeHTTP(rec, req)
	return rec.body.Bytes(), nil
}

type bodyRecorder struct {
	header http.Header
	body   bytes.Buffer
}

func (r *bodyRecorder) Header() http.Header         { return r.header }
func (r *bodyRecorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *bodyRecorder) WriteHeader(int)             {}

// repeatBody makes a body of at least size bytes holding body's records
// over and over, each copy's invoice IDs offset so that they stay unique.
func repeatBody(tb testing.TB, body []byte, size int) []byte {
	tb.Helper()
	start := bytes.Index(body, []byte(`"return":[`))
	end := bytes.LastIndex(body, []byte(`],"error"`))
	if start < 0 || end < 0 {
		tb.Fatal("unexpected body layout")
	}
	start += len(`"return":[`)
	records := body[start:end]
	var b bytes.Buffer
	b.Grow(size + len(records))
	b.Write(body[:start])
	b.Write(records)
	for k := 1; b.Len() < size; k++ {
		b.WriteByte(',')
		offsetIDs(&b, records, k*100_000_000)
	}
	// Cut at the last record boundary before size.
	out := b.Bytes()
	if cut := bytes.LastIndex(out[:min(len(out), size)], []byte(`},{"ID":`)); cut > start {
		out = out[:cut+1]
	}
	b.Reset()
	b.Write(out)
	b.Write(body[end:])
	return b.Bytes()
}

func benchBody(b *testing.B) []byte {
	b.Helper()
	body, err := largeBody()
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// offsetIDs writes records with every `{"ID":n` replaced by n+off.
func offsetIDs(w *bytes.Buffer, records []byte, off int) {
	key := []byte(`{"ID":`)
	for {
		i := bytes.Index(records, key)
		if i < 0 {
			w.Write(records)
			return
		}
		i += len(key)
		w.Write(records[:i])
		j := i
		for j < len(records) && records[j] >= '0' && records[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(string(records[i:j]))
		w.WriteString(strconv.Itoa(n + off))
		records = records[j:]
	}
}

// bodySource serves one body for every call.
type bodySource []byte

func (s bodySource) Body(context.Context, string, url.Values) ([]byte, error) { return s, nil }

// BenchmarkDecodeInvoices decodes Invoice.getAll bodies held in memory
// (a Source, as with --snapshot) into []Invoice: the decode throughput.
// MB/s is per wall-clock second, cpu-MB/s per second of CPU time of the
// whole process (garbage collection included), which other work on a
// shared machine does not skew.
func BenchmarkDecodeInvoices(b *testing.B) {
	for _, size := range []int{50, 200} {
		b.Run(fmt.Sprintf("body=%dMB", size), func(b *testing.B) {
			body := repeatBody(b, benchBody(b), size<<20)
			c, err := New(Config{Source: bodySource(body)})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			runtime.GC()
			var n int
			cpu0 := cpuTime()
			for b.Loop() {
				invs, err := c.Invoices(b.Context(), InvoicesOptions{})
				if err != nil {
					b.Fatal(err)
				}
				n = len(invs)
			}
			cpu := cpuTime() - cpu0
			b.ReportMetric(float64(n), "invoices")
			b.ReportMetric(float64(len(body))*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
		})
	}
}

// BenchmarkInvoicesRSS fetches Invoice.getAll bodies of 50 and 200 MB
// over loopback HTTP in a child process (this test binary again, running
// TestInvoicesRSSChild) whose server streams the body from a file, and
// reports the child's peak resident memory (rss-MB, the VmHWM of
// /proc/self/status; getrusage's maxrss would count the parent's memory
// inherited across fork and exec): what a real run holds, without the
// benchmark's own copies of the body.
func BenchmarkInvoicesRSS(b *testing.B) {
	for _, size := range []int{50, 200} {
		b.Run(fmt.Sprintf("body=%dMB", size), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "body.json")
			body := repeatBody(b, benchBody(b), size<<20)
			if err := os.WriteFile(path, body, 0o600); err != nil {
				b.Fatal(err)
			}
			n := len(body)
			body = nil
			b.SetBytes(int64(n))
			var rss float64
			for b.Loop() {
				cmd := exec.CommandContext(b.Context(), os.Args[0], "-test.run=^TestInvoicesRSSChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), "CAREPORT_RSS_CHILD="+path)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				var kb float64
				if i := bytes.Index(out, []byte("VmHWM:")); i >= 0 {
					_, _ = fmt.Sscan(string(out[i+len("VmHWM:"):]), &kb)
				}
				if kb == 0 {
					b.Fatalf("child did not report its peak RSS:\n%s", out)
				}
				rss = max(rss, kb/1024)
			}
			b.ReportMetric(rss, "rss-MB")
		})
	}
}

// TestInvoicesRSSChild is BenchmarkInvoicesRSS's child; it runs only
// when CAREPORT_RSS_CHILD names a body file.
func TestInvoicesRSSChild(t *testing.T) {
	path := os.Getenv("CAREPORT_RSS_CHILD")
	if path == "" {
		t.Skip("only run by BenchmarkInvoicesRSS")
	}
	srv := httptestFileServer(t, path)
	c, err := New(Config{BaseURL: srv, Credentials: Credentials{APIID: "bench", APIKey: "benchbenchbenchbench"}})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := c.Invoices(t.Context(), InvoicesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(line, len(invs), "invoices")
		}
	}
}

func httptestFileServer(tb testing.TB, path string) string {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(path)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.Copy(w, f)
	}))
	tb.Cleanup(srv.Close)
	return srv.URL + "/API/"
}

// cpuTime is the user and system time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

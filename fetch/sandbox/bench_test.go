package sandbox_test

import (
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// largeAccount is the large generated account (about 95,000 invoices
// with 145,000 payments, 2,000 clients, 1M metric data points).
func largeAccount(tb testing.TB) *account.Account {
	a, err := generate.Generate(generate.Large, 1)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// BenchmarkInvoiceGetAllLarge fetches every invoice of the large account
// over HTTP. peak-heap-MB is the highest HeapInuse sampled during the calls
// (the account itself included); body-MB is the response size.
func BenchmarkInvoiceGetAllLarge(b *testing.B) {
	_, endpoint := sandboxtest.Start(b, sandbox.Options{Account: largeAccount(b)})
	form := "a=Invoice.getAll&APIID=" + sandboxtest.APIID + "&APIKey=" + sandboxtest.APIKey
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	var size int64
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(b.Context(), http.MethodPost, endpoint, strings.NewReader(form))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		size, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("status %d, %v", resp.StatusCode, err)
		}
	}
	close(done)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "body-MB")
}

// BenchmarkSmallCall measures one small read over loopback HTTP
// (Client.getAll of the fixture), the per-call cost of the sandbox.
func BenchmarkSmallCall(b *testing.B) {
	_, endpoint := sandboxtest.Start(b, sandbox.Options{})
	form := "a=Client.getAll&APIID=" + sandboxtest.APIID + "&APIKey=" + sandboxtest.APIKey
	client := &http.Client{}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Post(endpoint, "application/x-www-form-urlencoded", strings.NewReader(form))
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("status %d, %v", resp.StatusCode, err)
		}
	}
}

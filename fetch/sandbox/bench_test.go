package sandbox_test

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// largeAccount is the fixture grown to the size of the large sample:
// 100,000 invoices with 150,000 payments.
func largeAccount() *account.Account {
	a := sandboxtest.Fixture()
	a.Invoices = a.Invoices[:0]
	payID := 0
	for i := 1; i <= 100_000; i++ {
		day := account.DateOf(2020, 1, 1).AddDays(i % 2000)
		inv := &account.Invoice{ID: i, Number: fmt.Sprint(10000 + i), DateAdded: day.At(9, 0, 0), DateOf: day, DateDue: day.AddDays(14),
			Currency: "USD", TaxRate: 75000, ClientID: 101 + i%6,
			LineItems: []*account.LineItem{{Item: "Monthly coaching", Amount: 40000}, {Item: "Workbook", Amount: 2500}}}
		for p := 0; p < 1+i%2; p++ {
			payID++
			inv.Payments = append(inv.Payments, &account.Payment{ID: payID, DatePaid: day.AddDays(3+p).At(12, 0, 0), Amount: 20000, Method: "Check", CheckNumber: fmt.Sprint(payID)})
		}
		a.Invoices = append(a.Invoices, inv)
	}
	return a
}

// BenchmarkInvoiceGetAllLarge fetches every invoice of the large account
// over HTTP. peak-heap-MB is the highest HeapInuse sampled during the calls
// (the account itself included); body-MB is the response size.
func BenchmarkInvoiceGetAllLarge(b *testing.B) {
	_, endpoint := sandboxtest.Start(b, sandbox.Options{Account: largeAccount()})
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

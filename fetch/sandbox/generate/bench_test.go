package generate

import (
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
)

// BenchmarkGenerateLarge measures generating the large account, checks the
// same invariants as the tests on it (untimed) and reports its size:
//
//	go test ./fetch/sandbox/generate -run '^$' -bench GenerateLarge -benchmem -benchtime 3x
func BenchmarkGenerateLarge(b *testing.B) {
	b.ReportAllocs()
	var a *account.Account
	for b.Loop() {
		var err error
		a, err = Generate(Large, SampleSeed)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	checkInvariants(b, a)
	c := countOf(a)
	b.ReportMetric(float64(c.clients), "clients")
	b.ReportMetric(float64(c.engagements), "engagements")
	b.ReportMetric(float64(c.appointments), "appointments")
	b.ReportMetric(float64(c.invoices), "invoices")
	b.ReportMetric(float64(c.payments), "payments")
	b.ReportMetric(float64(c.dataPoints), "datapoints")
}

// BenchmarkGenerateSmall measures generating the sample account.
func BenchmarkGenerateSmall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(Small, SampleSeed); err != nil {
			b.Fatal(err)
		}
	}
}

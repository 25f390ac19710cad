package main

import "testing"

// BenchmarkEngagementsLargeSnapshot is the whole `careport engagements
// --snapshot` run of the large generated account as a user runs it: the
// built binary decoding the snapshot (engagements with their appointments,
// every appointment, clients, coaches, companies, invoices), building the
// report of the last full month and writing the workbook. It reports the
// wall time and the child's own peak RSS (VmHWM, see watchHWM).
//
//	go test ./cmd/careport -run '^$' -bench EngagementsLargeSnapshot -benchtime 3x
func BenchmarkEngagementsLargeSnapshot(b *testing.B) {
	bin := careportBinary(b)
	_, snap, period := largeSnapshot(b, bin, "--reports", "engagements")
	benchRun(b, bin, "engagements", "--snapshot", snap, "--period", period, "-q")
}

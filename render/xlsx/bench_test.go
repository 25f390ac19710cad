package xlsx

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// The benchmarks compare the renderer (model row source -> Write) with a
// BASELINE: a bare excelize StreamWriter loop writing the same ledger
// cells with the same styles, widths, frozen header and autofilter. Each
// reports ns/op, the peak Go heap sampled every millisecond during the run
// (peak-heap-MiB), and the peak RSS (VmHWM) and CPU time (user + system)
// of a child process that renders the same case once (peak-RSS-MiB,
// child-cpu-s), measured the same way for both. On shared machines compare
// child-cpu-s: ns/op is wall time and grows with whatever else runs.
//
//	go test -run '^$' -bench . -benchtime 1x ./render/xlsx

const benchChildEnv = "CAREPORT_XLSX_BENCH_CHILD" // "mode:rows" in a child

func TestMain(m *testing.M) {
	if spec := os.Getenv(benchChildEnv); spec != "" {
		os.Exit(benchChild(spec))
	}
	os.Exit(m.Run())
}

// benchChild renders one case and prints its peak RSS.
func benchChild(spec string) int {
	mode, n, ok := strings.Cut(spec, ":")
	rows, err := strconv.Atoi(n)
	if !ok || err != nil {
		fmt.Fprintln(os.Stderr, "bad spec", spec)
		return 2
	}
	dir, err := os.MkdirTemp("", "bench")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if err := runCase(context.Background(), mode, rows, filepath.Join(dir, "b.xlsx")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	hwm, err := vmHWM()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("VmHWM_KB=%d\n", hwm)
	return 0
}

func vmHWM() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

func runCase(ctx context.Context, mode string, rows int, path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	switch mode {
	case "renderer":
		err = renderLedger(ctx, out, rows)
	case "baseline":
		err = baselineLedger(out, rows)
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

func benchReport(rows int) *model.Report {
	r := &model.Report{Title: "Ledger", Account: "Acme", GeneratedAt: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)}
	s := r.AddSheet("Invoices", ledgerColumns()...)
	s.Source = ledgerSource(rows, invoiceNumbers(1000))
	return r
}

func renderLedger(ctx context.Context, w io.Writer, rows int) error {
	return Write(ctx, w, benchReport(rows), Options{})
}

// baselineLedger writes the ledger with excelize alone: the same header,
// column formats, widths, frozen pane, autofilter and cells.
func baselineLedger(w io.Writer, rows int) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	const sheet = "Invoices"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	})
	if err != nil {
		return err
	}
	formats := []string{"#,##0", "@", "@", "@", "yyyy-mm-dd", "yyyy-mm-dd", "@", "[$$-409]#,##0.00", "[$$-409]#,##0.00", "[$$-409]#,##0.00"}
	widths := []float64{9, 11, 15, 9, 11, 11, 11, 14, 12, 14}
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:J%d", rows+1)); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, fm := range formats {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
		if err != nil {
			return err
		}
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
		if err := sw.SetColStyle(i+1, i+1, id); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:J%d", max(rows+1, 2)), nil); err != nil {
		return err
	}
	row := make([]any, 10)
	for i, c := range ledgerColumns() {
		row[i] = excelize.Cell{StyleID: header, Value: c.Name}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	numbers := invoiceNumbers(1000)
	for i := range rows {
		r := makeLedgerRow(i, numbers)
		row[0], row[1], row[2], row[3] = r.id, r.number, r.client, r.coach
		row[4], row[5], row[6] = r.date, r.due, "USD"
		row[7], row[8], row[9] = float64(r.amount)/100, float64(r.paid)/100, float64(r.outstanding)/100
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// heapSampler records the peak of live heap objects while running.
type heapSampler struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

func startHeapSampler() *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			h.peak = max(h.peak, s[0].Value.Uint64())
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) Stop() uint64 {
	close(h.stop)
	h.done.Wait()
	return h.peak
}

func benchLedger(b *testing.B, mode string, rows int) {
	path := filepath.Join(b.TempDir(), "b.xlsx")
	runtime.GC()
	var peakHeap uint64
	b.ResetTimer()
	for b.Loop() {
		h := startHeapSampler()
		if err := runCase(b.Context(), mode, rows, path); err != nil {
			b.Fatal(err)
		}
		peakHeap = max(peakHeap, h.Stop())
	}
	b.StopTimer()
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MiB")
	cmd := exec.CommandContext(b.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s:%d", benchChildEnv, mode, rows))
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("child: %v\n%s", err, out)
	}
	v, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "VmHWM_KB=")
	kb, perr := strconv.ParseInt(v, 10, 64)
	if !ok || perr != nil {
		b.Fatalf("child output %q", out)
	}
	b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
	st := cmd.ProcessState
	b.ReportMetric((st.UserTime() + st.SystemTime()).Seconds(), "child-cpu-s")
}

func BenchmarkLedger(b *testing.B) {
	for _, rows := range []int{100_000, 1_000_000} {
		for _, mode := range []string{"baseline", "renderer"} {
			b.Run(fmt.Sprintf("%s/rows=%d", mode, rows), func(b *testing.B) {
				benchLedger(b, mode, rows)
			})
		}
	}
}

package generate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
)

var update = flag.Bool("update", false, "rewrite samples/small.json from Generate(Small, SampleSeed)")

// samplesDir is the repository's samples folder.
const samplesDir = "../../../samples"

// TestSampleIsCurrent checks that samples/small.json is exactly what the
// generator makes today; go test -update rewrites it.
func TestSampleIsCurrent(t *testing.T) {
	a, err := Generate(Small, SampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	want := encode(t, a)
	path := filepath.Join(samplesDir, "small.json")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatalf("update sample: %v", err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read sample: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale (%d bytes, generator gives %d): run go test ./fetch/sandbox/generate -run TestSampleIsCurrent -update", path, len(got), len(want))
	}
	if len(got) > 6<<20 {
		t.Errorf("%s is %d bytes, want under 6 MB", path, len(got))
	}
	loaded, err := account.Load(path)
	if err != nil {
		t.Fatalf("load sample: %v", err)
	}
	checkInvariants(t, loaded)
	counts := describe(loaded)
	t.Logf("sample counts: %s", counts)
	readme, err := os.ReadFile(filepath.Join(samplesDir, "README.md"))
	if err != nil {
		t.Fatalf("read samples README: %v", err)
	}
	if !bytes.Contains(readme, []byte("\n"+counts+"\n")) {
		t.Errorf("samples/README.md does not list the sample's counts; want the line\n%s", counts)
	}
}

// TestExampleAccount loads the hand-written example and checks what
// samples/README.md says it holds.
func TestExampleAccount(t *testing.T) {
	a, err := account.Load(filepath.Join(samplesDir, "example-account.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"coaches", len(a.Coaches), 2},
		{"clients", len(a.Clients), 3},
		{"invoices", len(a.Invoices), 2},
		{"engagements", len(a.Engagements), 1},
		{"metrics", len(a.Metrics), 1},
		{"data points", len(a.Metrics[0].Data), 5},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	currencies := map[string]bool{}
	for _, inv := range a.Invoices {
		currencies[inv.Currency] = true
		if len(inv.Payments) == 0 {
			t.Errorf("invoice %s has no payments", inv.Number)
		}
	}
	if len(currencies) != 2 {
		t.Errorf("invoices in %d currencies, want 2", len(currencies))
	}
	// Invoice 1001: 1,800.00 - 90.00 = 1,710.00 + 7.5% tax 128.25 = 1,838.25, paid in full.
	if got, want := a.Invoices[0].Amount(), account.Cents(183825); got != want {
		t.Errorf("invoice 1001 amount: got %s, want %s", got, want)
	}
	if got, want := a.Invoices[0].AmountPaid(), account.Cents(183825); got != want {
		t.Errorf("invoice 1001 paid: got %s, want %s", got, want)
	}
	// Invoice A1002: 4,500.00 + 20% VAT = 5,400.00, half paid.
	if got, want := a.Invoices[1].Amount(), account.Cents(540000); got != want {
		t.Errorf("invoice A1002 amount: got %s, want %s", got, want)
	}
	var buf bytes.Buffer
	if err := a.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := account.Decode(&buf); err != nil {
		t.Errorf("re-decode example: %v", err)
	}
}

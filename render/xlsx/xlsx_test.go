package xlsx

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/careport/careport/reports/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		rows   int
		opts   Options
		golden string
		build  func(int) *model.Report
	}{
		{"report", 12, Options{}, "report.golden", testReport},
		{"continued", 10, Options{MaxRows: 5}, "continued.golden", testReport},
		{"empty ledger", 0, Options{}, "empty.golden", testReport},
		{"pack", 12, Options{}, "pack.golden", packReport},
		{"pack continued", 7, Options{MaxRows: 4}, "pack-continued.golden", packReport},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.xlsx")
			if err := WriteFile(t.Context(), path, tc.build(tc.rows), tc.opts); err != nil {
				t.Fatal(err)
			}
			got := dumpWorkbook(t, path)
			gp := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(gp, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gp)
			if err != nil {
				t.Fatalf("read golden (run go test ./render/xlsx -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("workbook dump differs from %s (run with -update and review the diff):\n%s", gp, diffLines(string(want), got))
			}
		})
	}
}

package output_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/careport/careport/render/output"
)

// A run writes its outputs into the set and commits at the end; on any
// error it aborts, and the previous run's files stay as they were.
func ExampleBegin() {
	dir, _ := os.MkdirTemp("", "out")
	defer os.RemoveAll(dir)
	write := func(content string, fail bool) error {
		set, err := output.Begin(dir)
		if err != nil {
			return err
		}
		defer set.Abort() // does nothing after Commit
		csv := set.Path("revenue-2026-10")
		if err := os.Mkdir(csv, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(csv, "Invoices.csv"), []byte(content), 0o644); err != nil {
			return err
		}
		if fail {
			return fmt.Errorf("the run failed")
		}
		return set.Commit()
	}
	fmt.Println(write("first", false))
	fmt.Println(write("second", true))
	b, _ := os.ReadFile(filepath.Join(dir, "revenue-2026-10", "Invoices.csv"))
	fmt.Println(string(b))
	// Output:
	// <nil>
	// the run failed
	// first
}

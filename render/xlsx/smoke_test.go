package xlsx

import (
	"os"
	"testing"
)

func TestSmoke(t *testing.T) {
	if err := WriteFile(t.Context(), "/tmp/smoke.xlsx", testReport(12), Options{}); err != nil {
		t.Fatal(err)
	}
	_ = os.Stdout
}

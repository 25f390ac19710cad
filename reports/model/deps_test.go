package model

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeafPackage checks that the model imports only the standard library
// and the decimal package.
func TestLeafPackage(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(p, "/")
		std := !strings.Contains(first, ".")
		if std || p == "github.com/shopspring/decimal" || p == "github.com/careport/careport/reports/model" {
			continue
		}
		t.Errorf("model depends on %s", p)
	}
}

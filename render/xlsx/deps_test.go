package xlsx

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRenderDoesNotReachFetch checks that no render package depends on
// fetch or on a report package other than the model.
func TestRenderDoesNotReachFetch(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), "go", "list", "-deps",
		"github.com/careport/careport/render/xlsx",
		"github.com/careport/careport/render/csvfile",
		"github.com/careport/careport/render/atomicfile",
		"github.com/careport/careport/render/output",
		"github.com/careport/careport/render").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/careport/careport/"
	for _, p := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(p, mod)
		if !ok {
			continue
		}
		if strings.HasPrefix(rel, "fetch") || (strings.HasPrefix(rel, "reports/") && rel != "reports/model") {
			t.Errorf("render depends on %s", p)
		}
	}
}

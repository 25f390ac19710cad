package html

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDoesNotReachFetch checks that the page renderer, its outliner and
// the templates depend on no fetch package and on no report package but
// the model: render knows nothing of the API.
func TestDoesNotReachFetch(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), "go", "list", "-deps",
		"github.com/careport/careport/render/html",
		"github.com/careport/careport/render/html/htmldump",
		"github.com/careport/careport/templates").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/careport/careport/"
	for _, p := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(p, mod)
		if !ok {
			continue
		}
		if strings.HasPrefix(rel, "fetch") || strings.HasPrefix(rel, "cmd") || (strings.HasPrefix(rel, "reports/") && rel != "reports/model") {
			t.Errorf("render/html depends on %s", p)
		}
	}
}

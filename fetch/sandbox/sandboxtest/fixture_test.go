package sandboxtest

import "testing"

func TestFixtureValidAndFresh(t *testing.T) {
	a, b := Fixture(), Fixture()
	if err := a.Validate(); err != nil {
		t.Fatalf("Fixture().Validate() = %v", err)
	}
	a.Clients[0].FirstName = "Changed"
	if b.Clients[0].FirstName == "Changed" {
		t.Errorf("Fixture shares records between copies")
	}
	if got := Now().Format("2006-01-02 15:04 MST"); got != "2025-06-30 12:00 MDT" {
		t.Errorf("Now() = %s, want 2025-06-30 12:00 MDT", got)
	}
}

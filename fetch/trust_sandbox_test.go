package fetch_test

import (
	"testing"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
)

// TestGeneratedAccountPassesChecks reads every invoice, payment and client
// of the generated small account: the sandbox's own data must pass every
// record check, amounts at their currency's precision.
func TestGeneratedAccountPassesChecks(t *testing.T) {
	a, err := generate.Generate(generate.Small, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, sandbox.Options{Account: a}, fetch.Config{})
	invs, err := r.client.Invoices(t.Context(), fetch.InvoicesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pays, err := r.client.Payments(t.Context(), fetch.PaymentsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	clients, err := r.client.Clients(t.Context(), fetch.ClientsOptions{IncludeInactive: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(invs) == 0 || len(pays) == 0 || len(clients) == 0 {
		t.Fatalf("got %d invoices, %d payments, %d clients; want some of each", len(invs), len(pays), len(clients))
	}
	for _, inv := range invs {
		if inv.DateOf.IsZero() || inv.DateOf.Location() != r.client.Location() {
			t.Fatalf("invoice %d: dateOf %v, want a date in %v", inv.ID, inv.DateOf, r.client.Location())
		}
		if inv.Amount.Exponent() < -3 {
			t.Fatalf("invoice %d: amount %s", inv.ID, inv.Amount)
		}
	}
}

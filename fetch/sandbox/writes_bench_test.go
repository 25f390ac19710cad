package sandbox

import (
	"strconv"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
)

// wLarge is the write fixture with 100,000 more invoices of one payment
// each, the size of the large sample's billing.
func wLarge() *account.Account {
	a := wFixture()
	for i := 10; i < 100_010; i++ {
		day := wDate(2020, 1, 1).AddDays(i % 2000)
		a.Invoices = append(a.Invoices, &account.Invoice{ID: i, Number: strconv.Itoa(10000 + i), DateOf: day, DateDue: day.AddDays(14),
			Currency: "USD", ClientID: 101, LineItems: []*account.LineItem{{Item: "Coaching", Amount: 40000}},
			Payments: []*account.Payment{{ID: i, DatePaid: day.At(12, 0, 0), Amount: 10000, Method: "Cash"}}})
	}
	return a
}

// BenchmarkInvoiceWritesLarge adds an invoice and a payment per iteration
// to the large account, calling the handlers directly: the new IDs and the
// next invoice number come from scans of every invoice and payment.
func BenchmarkInvoiceWritesLarge(b *testing.B) {
	a := wLarge()
	for b.Loop() {
		_, ret, e := wRun(b, a, "Invoice.add", "ClientID", "101", "dateOf", "2025-06-30", "lineItemSet", "Coaching::400")
		if e != nil {
			b.Fatal(e)
		}
		id := ret.(map[string]int)["InvoiceID"]
		if _, _, e := wRun(b, a, "Invoice.addPayment", "InvoiceID", strconv.Itoa(id), "amount", "400"); e != nil {
			b.Fatal(e)
		}
	}
}

// BenchmarkActionAdd adds an action with two reminders per iteration to the
// small write fixture, renewed every 1,000 actions so the scans for new IDs
// stay short.
func BenchmarkActionAdd(b *testing.B) {
	a := wFixture()
	n := 0
	for b.Loop() {
		if n++; n%1000 == 0 {
			b.StopTimer()
			a = wFixture()
			b.StartTimer()
		}
		if _, _, e := wRun(b, a, "Action.add", "ClientID", "101", "theAction", "Call", "dateDue", "2025-07-05",
			"timeDue", "3:32pm", "timezoneOf", "L", "reminderSet", "L,T,1440;C,E,20"); e != nil {
			b.Fatal(e)
		}
	}
}

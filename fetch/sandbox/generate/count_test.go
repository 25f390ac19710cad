package generate

import (
	"fmt"
	"strings"

	"github.com/careport/careport/fetch/sandbox/account"
)

// counts are the numbers of records of each kind in an account.
type counts struct {
	coaches, companies, clients, activeClients, pairings, groups                  int
	engagements, appointments, sessions, worksheets, actions, metrics, dataPoints int
	invoices, payments, activities                                                int
	invoicesByCurrency                                                            map[string]int
}

func countOf(a *account.Account) counts {
	c := counts{
		coaches: len(a.Coaches), companies: len(a.Companies), clients: len(a.Clients), pairings: len(a.Pairings),
		groups: len(a.Groups), engagements: len(a.Engagements), appointments: len(a.Appointments),
		sessions: len(a.Sessions), worksheets: len(a.Worksheets), actions: len(a.Actions), metrics: len(a.Metrics),
		invoices: len(a.Invoices), activities: len(a.Activities), invoicesByCurrency: map[string]int{},
	}
	for _, cl := range a.Clients {
		if cl.IsActive {
			c.activeClients++
		}
	}
	for _, m := range a.Metrics {
		c.dataPoints += len(m.Data)
	}
	for _, inv := range a.Invoices {
		c.payments += len(inv.Payments)
		c.invoicesByCurrency[inv.Currency]++
	}
	return c
}

// describe lists the counts of a for logs and samples/README.md.
func describe(a *account.Account) string {
	c := countOf(a)
	var b strings.Builder
	fmt.Fprintf(&b, "coaches %d, companies %d, clients %d (%d active), pairings %d, groups %d, engagements %d, "+
		"appointments %d, sessions %d, worksheets %d, actions %d, metrics %d, data points %d, invoices %d (",
		c.coaches, c.companies, c.clients, c.activeClients, c.pairings, c.groups, c.engagements,
		c.appointments, c.sessions, c.worksheets, c.actions, c.metrics, c.dataPoints, c.invoices)
	for i, cur := range a.Currencies {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", cur, c.invoicesByCurrency[cur])
	}
	fmt.Fprintf(&b, "), payments %d, activities %d", c.payments, c.activities)
	return b.String()
}

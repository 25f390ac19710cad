package generate

import (
	"fmt"
	"strconv"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// billing invoices one client: a monthly retainer, or the price of each
// engagement (in monthly installments for the longer ones), plus now and
// then a workshop or assessment. Payments follow each invoice.
func (g *gen) billing(p *clientPlan) {
	lim := p.limit(g.asOf)
	net := 14
	if g.chance(20) {
		net = 30
	}
	add := func(dateOf account.Date, lines ...*account.LineItem) {
		if dateOf > lim || dateOf > g.asOf || dateOf < p.join {
			return
		}
		inv := &account.Invoice{
			DateAdded: g.officeTime(dateOf), DateOf: dateOf, DateDue: dateOf.AddDays(net),
			Currency: p.currency, TaxRate: p.taxRate, ClientID: p.c.ID, LineItems: lines,
		}
		if inv.DateAdded < p.c.DateAdded {
			inv.DateAdded = p.c.DateAdded
		}
		g.pay(inv)
		g.invoices = append(g.invoices, inv)
	}
	if p.retainer {
		for m := addMonths(firstOfMonth(p.join), 1); m <= lim; m = addMonths(m, 1) {
			lines := []*account.LineItem{{Item: "Coaching retainer, " + m.Time(time.UTC).Format("January 2006"), Amount: p.fee}}
			if g.chance(10) {
				lines = append(lines, &account.LineItem{Item: "Loyalty discount (10%)", Amount: -p.fee / 10})
			}
			if g.chance(6) {
				lines = append(lines, &account.LineItem{Item: "Assessment: DiSC profile", Amount: g.price(p, 25000)})
			}
			add(m, lines...)
		}
	} else {
		specs := templateSpecs()
		for _, e := range p.engs {
			spec := specs[e.TemplateID-1]
			price := g.price(p, int64(spec.price))
			switch {
			case spec.months == 0:
				for m, i := e.StartDate, 1; m <= g.asOf; m, i = addMonths(e.StartDate, i), i+1 {
					add(m, &account.LineItem{Item: fmt.Sprintf("%s (%s)", spec.name, m.Time(time.UTC).Format("January 2006")), Amount: price})
				}
			case spec.months <= 1:
				lines := []*account.LineItem{{Item: spec.name, Amount: price}}
				if g.chance(15) {
					lines = append(lines, &account.LineItem{Item: "Early-bird discount (5%)", Amount: -price / 20})
				}
				add(e.StartDate, lines...)
			default:
				part := price / account.Cents(spec.months)
				for i := range spec.months {
					d := addMonths(e.StartDate, i)
					if e.IsCanceled && d > e.DateClosed.Date() {
						break
					}
					add(d, &account.LineItem{Item: fmt.Sprintf("%s, installment %d of %d", spec.name, i+1, spec.months), Amount: part})
				}
			}
		}
	}
	for d := p.join.AddDays(g.between(60, 200)); d <= lim; d = d.AddDays(g.between(40, 120)) {
		item := pick(g, []string{"Workshop: Leading through change", "Assessment: 360° feedback", "Half-day strategy intensive"})
		add(workday(d), &account.LineItem{Item: item, Amount: g.price(p, int64(pick(g, []int{35000, 45000, 60000})))})
	}
}

// price converts a USD list price to the client's currency (rounded to 10).
func (g *gen) price(p *clientPlan, usdCents int64) account.Cents {
	switch p.currency {
	case "EUR":
		return account.Cents(usdCents * 92 / 100 / 1000 * 1000)
	case "GBP":
		return account.Cents(usdCents * 79 / 100 / 1000 * 1000)
	}
	return account.Cents(usdCents)
}

// pay adds the invoice's payments: most in full, some in parts over time, a
// few overpaid, some partly paid or unpaid. Nothing is paid after AsOf or
// before the invoice date.
func (g *gen) pay(inv *account.Invoice) {
	total := inv.Amount()
	if total <= 0 {
		return
	}
	var parts []account.Cents
	switch r := g.r.IntN(100); {
	case r < 45:
		parts = []account.Cents{total}
	case r < 75:
		half := total / 2
		parts = []account.Cents{half, total - half}
	case r < 88:
		third := total / 3
		parts = []account.Cents{third, third, total - 2*third}
	case r < 91:
		parts = []account.Cents{total, 5000} // paid twice over by mistake
	case r < 95:
		parts = []account.Cents{total * 4 / 10} // partly paid
	default:
		return // unpaid
	}
	method := g.method(inv.Currency)
	d := inv.DateOf.AddDays(g.r.IntN(20))
	slab := make([]account.Payment, len(parts))
	for i, amt := range parts {
		if i > 0 {
			d = d.AddDays(g.between(7, 35))
		}
		day := workday(d)
		if day > g.asOf {
			break
		}
		p := &slab[i]
		*p = account.Payment{DatePaid: g.officeTime(day), Amount: amt, Method: method}
		if day == inv.DateOf && p.DatePaid < inv.DateAdded {
			p.DatePaid = inv.DateAdded.Add(time.Hour)
		}
		if p.DatePaid > g.endOfDay() {
			p.DatePaid = g.endOfDay()
		}
		if method == "Check" {
			p.CheckNumber = strconv.Itoa(g.between(1000, 9999))
		}
		inv.Payments = append(inv.Payments, p)
		if g.chance(20) {
			method = g.method(inv.Currency)
		}
	}
}

func (g *gen) method(currency string) string {
	r := g.r.IntN(100)
	if currency != "USD" {
		switch {
		case r < 60:
			return "Bank Transfer"
		case r < 95:
			return "Credit Card"
		}
		return "Other"
	}
	switch {
	case r < 45:
		return "Credit Card"
	case r < 65:
		return "Check"
	case r < 85:
		return "Bank Transfer"
	case r < 92:
		return "Cash"
	}
	return "Other"
}

// companyBilling gives every company with clients a yearly team programme
// (a company engagement) invoiced quarterly to the company, net 30.
func (g *gen) companyBilling() {
	members := map[int]int{}
	for _, p := range g.plans {
		if p.c.CompanyID != 0 && p.c.IsActive {
			members[p.c.CompanyID]++
		}
	}
	for _, co := range g.a.Companies {
		n := members[co.ID]
		if n == 0 {
			continue
		}
		cur := companyCurrency(co)
		plan := &clientPlan{currency: cur}
		tax := g.taxFor(cur)
		end := g.asOf
		if !co.IsActive {
			end = g.asOf.AddDays(-365)
		}
		for y := workday(max(co.DateAdded.Date(), g.start).AddDays(g.between(10, 60))); y <= end; {
			yEnd := addMonths(y, 12).AddDays(-1)
			g.nextEngagement++
			e := &account.Engagement{
				ID: g.nextEngagement, Type: "company", CompanyID: co.ID, CoachID: g.a.OwnerCoachID, TemplateID: 5,
				Name: "Team programme " + y.Time(time.UTC).Format("2006"), StartDate: y, EndDate: yEnd,
				AllocationUnits: "A", Allocation: 6 * n, AllocationPerClient: 6, DateAdded: g.officeTime(lastWorkday(y.AddDays(-7))),
			}
			if yEnd < g.asOf {
				e.IsComplete, e.DateClosed = true, lastWorkday(yEnd).At(16, 0, 0)
			}
			g.a.Engagements = append(g.a.Engagements, e)
			fee := g.price(plan, int64(1500*n+3000)*100)
			for q := range 4 {
				d := workday(addMonths(y, 3*q))
				if d > end {
					break
				}
				inv := &account.Invoice{
					DateAdded: g.officeTime(d), DateOf: d, DateDue: d.AddDays(30), Currency: cur, TaxRate: tax,
					CompanyID: co.ID,
					LineItems: []*account.LineItem{{Item: fmt.Sprintf("%s, quarter %d of 4", e.Name, q+1), Amount: fee}},
				}
				if q == 0 && g.chance(50) {
					inv.LineItems = append(inv.LineItems, &account.LineItem{Item: "Volume discount", Amount: -fee / 10})
				}
				g.pay(inv)
				g.invoices = append(g.invoices, inv)
			}
			y = yEnd.AddDays(1)
		}
	}
}

// finishInvoices orders the invoices by date and numbers them: IDs and
// invoice numbers from 1001 in date order (a few with a letter prefix, as
// after a manual renumbering), payment IDs account-wide.
func (g *gen) finishInvoices() {
	sortInvoices(g.invoices)
	pid := 0
	for i, inv := range g.invoices {
		inv.ID = i + 1
		inv.Number = strconv.Itoa(1001 + i)
		if i%150 == 75 {
			inv.Number = "A" + inv.Number
		}
		for _, p := range inv.Payments {
			pid++
			p.ID = pid
		}
	}
	g.a.Invoices = g.invoices
}

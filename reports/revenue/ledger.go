package revenue

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// companyCoach is the coach name under which company invoices are listed.
const companyCoach = "(company)"

// noCoach is the coach name of a client without a known primary coach.
const noCoach = "(no coach)"

// Kinds of invoice: a negative amount makes a credit note.
const (
	kindInvoice    = "Invoice"
	kindCreditNote = "Credit note"
)

// entry is one invoice prepared for the report: the record, its recipient
// and coach, and its money as integer units of its currency's scale (see
// ledger), so that every sum of the report is exact integer arithmetic.
type entry struct {
	inv       *fetch.Invoice
	cv        *converter // of the invoice's currency
	recipient int32      // index into book.keys
	local     int32      // index into its ledger's idx
	name      string     // client or company name
	coach     string     // primary coach's name on the invoice date, companyCoach or noCoach
	// fellBack is set when no primary-coach history covers the invoice
	// date, so that coach is the client's current coach.
	fellBack bool
	date     int64 // DateOf, Unix nanoseconds
	amount   int64
	subtotal int64
	tax      int64
	pays     []pay // by time
	// settled is the latest of the invoice date and its payment times;
	// from just after it on, the balance is finalOut / finalCredit.
	settled     int64
	finalOut    int64
	finalCredit int64
}

// pay is one payment of an entry: time, amount in units, and its index in
// the invoice's paymentSet.
type pay struct {
	t   int64
	amt int64
	i   int32
}

func (e *entry) creditNote() bool { return e.amount < 0 }

func (e *entry) kind() string {
	if e.creditNote() {
		return kindCreditNote
	}
	return kindInvoice
}

// paidBefore is the sum of the payments made before t.
func (e *entry) paidBefore(t int64) int64 {
	var s int64
	for _, p := range e.pays {
		if p.t >= t {
			break
		}
		s += p.amt
	}
	return s
}

// balanceAt returns, at t, the invoice's outstanding balance (never
// negative), its credit (overpayment, or a credit note's amount not yet
// refunded; never negative) and, for an invoice dated at or after t, the
// money already received for it (prepaid, never negative; outstanding and
// credit are then zero).
func (e *entry) balanceAt(t int64) (outstanding, credit, prepaid int64) {
	if e.date >= t {
		return 0, 0, max(0, e.paidBefore(t))
	}
	if t > e.settled {
		return e.finalOut, e.finalCredit, 0
	}
	b := e.amount - e.paidBefore(t)
	if b < 0 {
		return 0, -b, 0
	}
	return b, 0, 0
}

// ledger is one currency's entries, payments and balance timeline. Money is
// in units of 10^-scale of the currency: the currency's minor unit, or finer
// when an amount has more decimals.
type ledger struct {
	code    string
	scale   int32
	digits  int32   // the currency's ISO 4217 minor-unit digits
	idx     []int32 // entries, by date
	dates   []int64 // their dates
	pays    []flatPay
	tl      *timeline
	recips  []*recipientRow // memo of recipients at the report period
	recipOK bool
}

// flatPay is one payment of the currency, pointing at its entry.
type flatPay struct {
	t   int64
	amt int64
	e   int32 // index into book.entries
	i   int32 // index into the invoice's paymentSet
}

// dec returns units as a decimal of the currency.
func (l *ledger) dec(units int64) decimal.Decimal { return decimal.New(units, -l.scale) }

// book is the filtered invoices of one report, grouped by currency.
type book struct {
	loc        *time.Location
	entries    []entry // filtered, sorted by date, number, ID
	keys       []string
	ledgers    map[string]*ledger
	currencies []string       // ascending
	coachNames map[int]string // coach ID -> name
	stamp      []uint32       // per recipient, for distinct counts
	gen        uint32
}

func personName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}

// nanos returns t as Unix nanoseconds, clamped to the range int64 holds (a
// zero time sorts before every date).
func nanos(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64 + 1
	case t.After(maxTime):
		return math.MaxInt64 - 1
	}
	return t.UnixNano()
}

var (
	minTime = time.Unix(0, math.MinInt64+1)
	maxTime = time.Unix(0, math.MaxInt64-1)
)

// maxUnits bounds one amount, and maxTotal the sum of the absolute amounts
// of a currency, in units, so that no sum of the report overflows int64.
const (
	maxUnits = 1 << 50
	maxTotal = 1 << 62
)

var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// converter turns decimals of one currency into units at its scale and
// keeps the sum of their absolute values.
type converter struct {
	code   string
	scale  int32
	total  int64
	ledger *ledger // the currency's, once made
}

func (c *converter) units(d decimal.Decimal) (int64, error) {
	k := c.scale + d.Exponent()
	if k < 0 || k >= int32(len(pow10)) || d.NumDigits() > 18 {
		return 0, fmt.Errorf("%s amount %s cannot be summed exactly (too large or too precise)", c.code, d)
	}
	v := d.CoefficientInt64() // exact: at most 18 digits
	if v > maxUnits/pow10[k] || v < -maxUnits/pow10[k] {
		return 0, fmt.Errorf("%s amount %s cannot be summed exactly (too large)", c.code, d)
	}
	v *= pow10[k]
	c.total += max(v, -v)
	if c.total > maxTotal {
		return 0, fmt.Errorf("%s amounts cannot be summed exactly (too large together)", c.code)
	}
	return v, nil
}

// recipientInfo is what newBook resolves once per client or company.
type recipientInfo struct {
	key     int32
	name    string
	current int // the client's current coach, 0 when unknown
	known   bool
}

// newBook prepares d's invoices that pass the coach and currency filters;
// loc is the account zone. Each client invoice is attributed to the
// client's primary coach on its date (see coachDefinition). It fails when
// an amount cannot be held exactly.
func newBook(d *Data, loc *time.Location, coachID int, currency string) (*book, error) {
	b := &book{loc: loc, ledgers: map[string]*ledger{}, coachNames: make(map[int]string, len(d.Coaches))}
	for _, c := range d.Coaches {
		b.coachNames[c.ID] = personName(c.FirstName, c.LastName)
	}
	coachName := func(id int) string {
		if n, ok := b.coachNames[id]; ok {
			return n
		}
		if id != 0 {
			return "Coach " + strconv.Itoa(id)
		}
		return noCoach
	}
	hist := newCoachHistory(d.Pairings)
	clients := make(map[int]*recipientInfo, len(d.Clients))
	for i := range d.Clients {
		c := &d.Clients[i]
		clients[c.ID] = &recipientInfo{key: -1, name: personName(c.FirstName, c.LastName), current: c.CoachID, known: true}
	}
	companies := make(map[int]*recipientInfo, len(d.Companies))
	for _, c := range d.Companies {
		companies[c.ID] = &recipientInfo{key: -1, name: c.Name, known: true}
	}
	keyOf := func(ri *recipientInfo, prefix string, id int) int32 {
		if ri.key < 0 {
			ri.key = int32(len(b.keys))
			b.keys = append(b.keys, prefix+strconv.Itoa(id))
		}
		return ri.key
	}
	// dayEnd caches the end of each invoice day (the start of the next
	// civil day in the account zone, which is not always a midnight): far
	// fewer days than invoices.
	dayEnds := map[int64]int64{}
	dayEnd := func(day time.Time, from int64) int64 {
		to, ok := dayEnds[from]
		if !ok {
			to = nanos(model.CivilDateOf(day.In(loc)).AddDays(1).StartOf(loc))
			dayEnds[from] = to
		}
		return to
	}
	// Scales first: the finest amount of each currency.
	convs := map[string]*converter{}
	var last *converter // most invoices share the previous one's currency
	conv := func(code string) *converter {
		if last != nil && last.code == code {
			return last
		}
		last = convs[code]
		if last == nil {
			last = &converter{code: code, scale: model.CurrencyDigits(code)}
			convs[code] = last
		}
		return last
	}
	invConv := make([]*converter, len(d.Invoices))
	for i := range d.Invoices {
		inv := &d.Invoices[i]
		if currency != "" && inv.Currency != currency {
			continue
		}
		c := conv(inv.Currency)
		invConv[i] = c
		c.scale = max(c.scale, -inv.Amount.Exponent())
		for _, li := range inv.LineItems {
			c.scale = max(c.scale, -li.Amount.Exponent())
		}
		for _, p := range inv.Payments {
			c.scale = max(c.scale, -p.Amount.Exponent())
		}
	}
	b.entries = make([]entry, 0, len(d.Invoices))
	npay := 0
	for i := range d.Invoices {
		npay += len(d.Invoices[i].Payments)
	}
	payBuf := make([]pay, npay) // one allocation for every entry's payments
	for i := range d.Invoices {
		inv := &d.Invoices[i]
		if currency != "" && inv.Currency != currency {
			continue
		}
		e := entry{inv: inv}
		var coach int
		if inv.ClientID == 0 && inv.CompanyID != 0 {
			ri := companies[inv.CompanyID]
			if ri == nil {
				ri = &recipientInfo{key: -1}
				companies[inv.CompanyID] = ri
			}
			e.recipient = keyOf(ri, "k", inv.CompanyID)
			if e.name = cmp.Or(ri.name, inv.CompanyName); e.name == "" {
				e.name = "Company " + strconv.Itoa(inv.CompanyID)
			}
			e.coach = companyCoach
		} else {
			ri := clients[inv.ClientID]
			if ri == nil {
				ri = &recipientInfo{key: -1}
				clients[inv.ClientID] = ri
			}
			e.recipient = keyOf(ri, "c", inv.ClientID)
			if e.name = ri.name; e.name == "" {
				if e.name = personName(inv.FirstName, inv.LastName); e.name == "" {
					e.name = "Client " + strconv.Itoa(inv.ClientID)
				}
			}
			e.date = nanos(inv.DateOf)
			// The primary coach at the end of the invoice's day.
			if sp, ok := hist.During(inv.ClientID, e.date, dayEnd(inv.DateOf, e.date)); ok {
				coach = sp.Coach
			} else if ri.known {
				coach, e.fellBack = ri.current, true
			}
			e.coach = coachName(coach)
		}
		if coachID != 0 && (e.coach == companyCoach || coach != coachID) {
			continue
		}
		c := invConv[i]
		e.cv = c
		var err error
		if e.amount, err = c.units(inv.Amount); err != nil {
			return nil, fmt.Errorf("invoice %d: %w", inv.ID, err)
		}
		for _, li := range inv.LineItems {
			u, err := c.units(li.Amount)
			if err != nil {
				return nil, fmt.Errorf("invoice %d line item: %w", inv.ID, err)
			}
			e.subtotal += u
		}
		e.tax = e.amount - e.subtotal
		e.date = nanos(inv.DateOf)
		e.pays, payBuf = payBuf[:len(inv.Payments):len(inv.Payments)], payBuf[len(inv.Payments):]
		for j := range inv.Payments {
			p := &inv.Payments[j]
			u, err := c.units(p.Amount)
			if err != nil {
				return nil, fmt.Errorf("invoice %d payment: %w", inv.ID, err)
			}
			e.pays[j] = pay{t: nanos(p.DatePaid), amt: u, i: int32(j)}
		}
		if !slices.IsSortedFunc(e.pays, func(x, y pay) int { return cmp.Compare(x.t, y.t) }) {
			slices.SortStableFunc(e.pays, func(x, y pay) int { return cmp.Compare(x.t, y.t) })
		}
		e.settle()
		b.entries = append(b.entries, e)
	}
	b.entries = sortEntries(b.entries)
	for i := range b.entries {
		e := &b.entries[i]
		l := e.cv.ledger
		if l == nil {
			c := e.cv
			l = &ledger{code: c.code, scale: c.scale, digits: model.CurrencyDigits(c.code)}
			c.ledger = l
			b.ledgers[c.code] = l
			b.currencies = append(b.currencies, c.code)
		}
		e.local = int32(len(l.idx))
		l.idx = append(l.idx, int32(i))
		l.dates = append(l.dates, e.date)
		for _, p := range e.pays {
			l.pays = append(l.pays, flatPay{t: p.t, amt: p.amt, e: int32(i), i: p.i})
		}
	}
	slices.Sort(b.currencies)
	for _, l := range b.ledgers {
		// The order of payments at one instant does not matter: every use
		// sums or counts them.
		slices.SortFunc(l.pays, func(x, y flatPay) int { return cmp.Compare(x.t, y.t) })
	}
	b.stamp = make([]uint32, len(b.keys))
	return b, nil
}

// sortEntries returns es sorted by date, in their given order where dates
// are equal. It sorts small keys rather than the entries themselves, which
// is what makes it fast. Nothing but the ledger rows depends on the order
// of the invoices of one day, and byNumber sorts those.
func sortEntries(es []entry) []entry {
	type key struct {
		date int64
		i    int32
	}
	keys := make([]key, len(es))
	for i := range es {
		keys[i] = key{es[i].date, int32(i)}
	}
	slices.SortFunc(keys, func(x, y key) int { return cmp.Or(cmp.Compare(x.date, y.date), cmp.Compare(x.i, y.i)) })
	out := make([]entry, len(es))
	for i, k := range keys {
		out[i] = es[k.i]
	}
	return out
}

// byNumber returns the entries idx sorted by date, invoice number and ID.
func (b *book) byNumber(idx []int32) []int32 {
	out := slices.Clone(idx)
	slices.SortStableFunc(out, func(x, y int32) int {
		ex, ey := &b.entries[x], &b.entries[y]
		if c := cmp.Compare(ex.date, ey.date); c != 0 {
			return c
		}
		if ex.inv.InvoiceNumber != ey.inv.InvoiceNumber {
			return cmp.Compare(ex.inv.InvoiceNumber, ey.inv.InvoiceNumber)
		}
		return cmp.Compare(ex.inv.ID, ey.inv.ID)
	})
	return out
}

// settle fills settled, finalOut and finalCredit.
func (e *entry) settle() {
	e.settled = e.date
	var paid int64
	for _, p := range e.pays {
		paid += p.amt
		e.settled = max(e.settled, p.t)
	}
	if bal := e.amount - paid; bal < 0 {
		e.finalOut, e.finalCredit = 0, -bal
	} else {
		e.finalOut, e.finalCredit = bal, 0
	}
}

// timeline returns the ledger's balance timeline, building it on first use.
func (b *book) timeline(l *ledger) *timeline {
	if l.tl == nil {
		l.tl = newTimeline(b, l)
	}
	return l.tl
}

// dated returns the range [lo, hi) of l.idx dated in [start, end).
func (l *ledger) dated(start, end int64) (lo, hi int) {
	lo = sort.Search(len(l.dates), func(i int) bool { return l.dates[i] >= start })
	hi = lo + sort.Search(len(l.dates)-lo, func(i int) bool { return l.dates[lo+i] >= end })
	return lo, hi
}

// paid returns the range [lo, hi) of l.pays made in [start, end).
func (l *ledger) paid(start, end int64) (lo, hi int) {
	lo = sort.Search(len(l.pays), func(i int) bool { return l.pays[i].t >= start })
	hi = lo + sort.Search(len(l.pays)-lo, func(i int) bool { return l.pays[lo+i].t >= end })
	return lo, hi
}

// Figures are the headline revenue figures of one currency over one period.
// Money is in the currency of the enclosing CurrencySummary. Credit notes
// and refunds are negative amounts, as recorded.
type Figures struct {
	Period model.Period
	// Invoiced is the sum of the amounts of the invoices (amount zero or
	// more) dated in the period; credit notes are not invoices.
	Invoiced decimal.Decimal
	Subtotal decimal.Decimal // the invoices' line items
	Tax      decimal.Decimal // Invoiced - Subtotal
	// CreditNotes is the sum of the amounts (negative) of the credit notes
	// (invoices of negative amount) dated in the period.
	CreditNotes decimal.Decimal
	// Received is the sum of the payments of zero or more dated in the
	// period, Refunds that of the negative ones, and Collected their sum.
	Received  decimal.Decimal
	Refunds   decimal.Decimal
	Collected decimal.Decimal
	// Outstanding, Overpaid and Prepaid are taken at the period's end (see
	// package reports); NetReceivable is Outstanding - Overpaid - Prepaid.
	Outstanding   decimal.Decimal
	Overpaid      decimal.Decimal
	Prepaid       decimal.Decimal
	NetReceivable decimal.Decimal
	// InvoiceCount is the number of invoices dated in the period, zero
	// amounts included and credit notes excluded; ZeroInvoiceCount is how
	// many of them are of zero amount.
	InvoiceCount     int
	ZeroInvoiceCount int
	// CreditNoteCount is the number of credit notes dated in the period.
	CreditNoteCount int
	// PayingClients is the number of distinct recipients (clients or
	// companies) with at least one payment of more than zero dated in the
	// period; a refund alone does not make a paying client.
	PayingClients int
	// AverageInvoice is Invoiced divided by the number of invoices of
	// non-zero amount, rounded half away from zero to the currency's minor
	// unit; zero when there are none.
	AverageInvoice decimal.Decimal
}

// figures computes the figures of currency cur over p.
func (b *book) figures(cur string, p model.Period) Figures {
	f := Figures{Period: p}
	l := b.ledgers[cur]
	if l == nil {
		return f
	}
	start, end := nanos(p.Start), nanos(p.End)
	var inv, sub, tax, cn, rec, ref int64
	lo, hi := l.dated(start, end)
	for _, i := range l.idx[lo:hi] {
		e := &b.entries[i]
		switch {
		case e.amount < 0:
			cn += e.amount
			f.CreditNoteCount++
		default:
			inv, sub, tax = inv+e.amount, sub+e.subtotal, tax+e.tax
			f.InvoiceCount++
			if e.amount == 0 {
				f.ZeroInvoiceCount++
			}
		}
	}
	b.gen++
	lo, hi = l.paid(start, end)
	for _, pm := range l.pays[lo:hi] {
		if pm.amt < 0 {
			ref += pm.amt
			continue
		}
		rec += pm.amt
		if r := b.entries[pm.e].recipient; pm.amt > 0 && b.stamp[r] != b.gen {
			b.stamp[r] = b.gen
			f.PayingClients++
		}
	}
	out, cred, pre := b.timeline(l).at(end)
	f.Invoiced, f.Subtotal, f.Tax, f.CreditNotes = l.dec(inv), l.dec(sub), l.dec(tax), l.dec(cn)
	f.Received, f.Refunds, f.Collected = l.dec(rec), l.dec(ref), l.dec(rec+ref)
	f.Outstanding, f.Overpaid, f.Prepaid, f.NetReceivable = l.dec(out), l.dec(cred), l.dec(pre), l.dec(out-cred-pre)
	if n := f.InvoiceCount - f.ZeroInvoiceCount; n > 0 {
		f.AverageInvoice = f.Invoiced.DivRound(decimal.NewFromInt(int64(n)), l.digits)
	}
	return f
}

// agingNames returns the AR aging column names, in bucket order.
func agingNames() [5]string {
	return [5]string{"Not yet due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"}
}

// agingBucket returns the index in agingNames of an invoice due on due,
// seen on the calendar day asOf (both midnight in the account zone).
func agingBucket(due, asOf time.Time) int {
	days := civilDays(asOf) - civilDays(due)
	switch {
	case days <= 0:
		return 0
	case days <= 30:
		return 1
	case days <= 60:
		return 2
	case days <= 90:
		return 3
	}
	return 4
}

// civilDays counts calendar days of t's wall clock since 1970-01-01, so that
// daylight-saving days of 23 or 25 hours count as one day.
func civilDays(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// monthLabel is the label of the calendar month of t in loc, "2006-01".
func monthLabel(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01") }

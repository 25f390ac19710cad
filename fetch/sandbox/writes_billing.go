package sandbox

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

const (
	maxInvoiceNumber = 20
	maxCheckNumber   = 20
	// firstInvoiceNumber is the "next logical number" of an account
	// without numeric invoice numbers (5.13 proposal).
	firstInvoiceNumber = 1001
	// defaultPaymentTermDays applies when the account sets no term.
	defaultPaymentTermDays = 14
)

// invoiceAdd is Invoice.add (5.13): returns {"InvoiceID": n}. Checks run
// in the order of section 1.9; among the business rules the inactive client
// (498) comes before the duplicate number (491), following table order.
func invoiceAdd(c *call) (string, any, *apiError) {
	if !c.has("ClientID") && !c.has("CompanyID") {
		return "", nil, fail(apicode.RequiredMissing, "%s: the required value ClientID (or CompanyID) was not supplied.", c.function)
	}
	if e := c.required("dateOf"); e != nil {
		return "", nil, e
	}
	var cl *account.Client
	if c.has("ClientID") {
		var e *apiError
		if cl, e = c.clientParam("ClientID"); e != nil {
			return "", nil, e
		}
	}
	companyID, _, e := c.companyFilter("CompanyID", false)
	if e != nil {
		return "", nil, e
	}
	dateOf, e := c.dateParam("dateOf")
	if e != nil {
		return "", nil, e
	}
	dateDue, e := c.dateParam("dateDue")
	if e != nil {
		return "", nil, e
	}
	number := strings.TrimSpace(c.str("number", maxInvoiceNumber))
	taxRate, _, e := c.fixedParam("taxRate")
	if e != nil {
		return "", nil, e
	}
	onDup, e := c.enumParam("onDuplicateNumber", "S", "S", "A", "E")
	if e != nil {
		return "", nil, e
	}
	items, e := c.parseLineItems("lineItemSet")
	if e != nil {
		return "", nil, e
	}
	if cl != nil && !cl.IsActive {
		return "", nil, fail(apicode.ClientInactive, "%s: client %d is inactive.", c.function, cl.ID)
	}
	result := resultAdded
	if number != "" {
		for _, inv := range c.acct.Invoices {
			if inv.Number != number {
				continue
			}
			switch onDup {
			case "S":
				return resultDuplicateSkipped, map[string]int{"InvoiceID": inv.ID}, nil
			case "E":
				return "", nil, fail(apicode.InvoiceDuplicateNumber, "%s: an invoice numbered %s already exists.", c.function, number)
			}
			result = resultDuplicateAdded
			break
		}
	} else {
		number = nextInvoiceNumber(c.acct)
	}
	if dateDue == 0 {
		term := c.acct.PaymentTermDays
		if term <= 0 {
			term = defaultPaymentTermDays
		}
		dateDue = dateOf.AddDays(term)
	}
	inv := &account.Invoice{ID: nextID(c.acct.Invoices, func(x *account.Invoice) int { return x.ID }), Number: number,
		DateAdded: c.nowDT(), DateOf: dateOf, DateDue: dateDue, Currency: c.currency(c.params["currency"]),
		TaxRate: taxRate, CompanyID: companyID, LineItems: items}
	if cl != nil {
		inv.ClientID = cl.ID
	}
	c.acct.Invoices = append(c.acct.Invoices, inv)
	return result, map[string]int{"InvoiceID": inv.ID}, nil
}

// currency is the code if the account accepts it (any case), else the
// account's primary currency.
func (c *call) currency(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code != "" && (code == c.acct.Currency || slices.Contains(c.acct.Currencies, code)) {
		return code
	}
	return c.acct.Currency
}

// nextInvoiceNumber is one more than the largest purely numeric invoice
// number, and at least 1001 (5.13 proposal).
func nextInvoiceNumber(a *account.Account) string {
	next := int64(firstInvoiceNumber)
	for _, inv := range a.Invoices {
		if n, ok := atoiStrict(inv.Number); ok && n >= next {
			next = n + 1
		}
	}
	return strconv.FormatInt(next, 10)
}

// parseLineItems reads a lineItemSet (3.2 proposal): \n or \r\n separated,
// blank lines ignored; none at all is 492, a line with several "::" is
// 493, a line without "::", with an empty label or a price that is not a
// decimal of at most two places is 494.
func (c *call) parseLineItems(name string) ([]*account.LineItem, *apiError) {
	var items []*account.LineItem
	for line := range strings.SplitSeq(c.params[name], "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			continue
		}
		switch strings.Count(line, "::") {
		case 0:
			return nil, fail(apicode.InvoiceLineItemSyntax, "%s: line item %q is not label::amount.", c.function, line)
		case 1:
		default:
			return nil, fail(apicode.InvoiceLineItemSetSyntax, "%s: %q holds more than one item; separate items with newlines.", c.function, line)
		}
		label, price, _ := strings.Cut(line, "::")
		label, price = strings.TrimSpace(label), strings.TrimSpace(price)
		amount, err := account.ParseCents(price)
		if label == "" || price == "" || err != nil {
			return nil, fail(apicode.InvoiceLineItemSyntax, "%s: line item %q is not label::amount.", c.function, line)
		}
		items = append(items, &account.LineItem{Item: label, Amount: amount})
	}
	if len(items) == 0 {
		return nil, fail(apicode.InvoiceNoLineItems, "%s: an invoice needs at least one line item.", c.function)
	}
	return items, nil
}

// paymentMethods are the methods Invoice.addPayment accepts (exact strings).
func paymentMethods() []string {
	return []string{"Cash", "Check", "Credit Card", "Bank Transfer", "Other"}
}

// invoiceAddPayment is Invoice.addPayment (5.14): returns {"PaymentID": n}.
// InvoiceID takes an ID or "#number"; dateOf (alias datePaid) is a date or
// date/time, now when absent. A future date is 497, checked before the
// amount: an amount that is not a positive decimal of at most two places, or
// one that would make the total paid exceed the invoice's amount without
// allowOverpay, is 496. Payment IDs are unique across the account.
func invoiceAddPayment(c *call) (string, any, *apiError) {
	if e := c.required("InvoiceID", "amount"); e != nil {
		return "", nil, e
	}
	inv := findInvoice(c.acct, c.params["InvoiceID"])
	if inv == nil {
		return "", nil, fail(apicode.UnknownID, "%s: InvoiceID %q refers to nothing.", c.function, c.params["InvoiceID"])
	}
	paid, hasTime, e := c.dateTimeOrNow("dateOf", "datePaid")
	if e != nil {
		return "", nil, e
	}
	method, e := c.enumParam("method", "Credit Card", paymentMethods()...)
	if e != nil {
		return "", nil, e
	}
	if (hasTime && paid > c.nowDT()) || paid.Date() > c.today() {
		return "", nil, fail(apicode.PaymentDateInFuture, "%s: the payment date (dateOf) %s cannot be in the future.", c.function, paid)
	}
	raw := strings.TrimSpace(c.params["amount"])
	amount, err := account.ParseCents(raw)
	switch {
	case err != nil || amount <= 0:
		return "", nil, fail(apicode.PaymentAmountInvalid, "%s: the amount %q must be a number above zero.", c.function, raw)
	case !c.boolParam("allowOverpay", false) && inv.AmountPaid()+amount > inv.Amount():
		return "", nil, fail(apicode.PaymentAmountInvalid, "%s: the payment of %s exceeds the balance of %s on invoice #%s.",
			c.function, amount, max(inv.Amount()-inv.AmountPaid(), 0), inv.Number)
	}
	id := 0
	for _, x := range c.acct.Invoices {
		for _, p := range x.Payments {
			id = max(id, p.ID)
		}
	}
	p := &account.Payment{ID: id + 1, DatePaid: paid, Amount: amount, Method: method}
	if method == "Check" {
		p.CheckNumber = c.str("checkNumber", maxCheckNumber)
	}
	inv.Payments = append(inv.Payments, p)
	return resultAdded, map[string]int{"PaymentID": p.ID}, nil
}

// invoiceDeletePayment is Invoice.deletePayment (5.15).
func invoiceDeletePayment(c *call) (string, any, *apiError) {
	if e := c.required("PaymentID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.intParam("PaymentID")
	if e != nil {
		return "", nil, e
	}
	for _, inv := range c.acct.Invoices {
		if i := slices.IndexFunc(inv.Payments, func(p *account.Payment) bool { return p.ID == id }); i >= 0 {
			inv.Payments = slices.Delete(inv.Payments, i, i+1)
			return resultDeleted, nothing(), nil
		}
	}
	return "", nil, fail(apicode.UnknownID, "%s: PaymentID %d refers to nothing.", c.function, id)
}

// reAllocation is an engagement allocation (3.6): a number, a space, A or H.
var reAllocation = regexp.MustCompile(`^(\d{1,6}) +([AH])$`)

// engagementAddForClient is Engagement.addForClient (5.16): returns
// {"EngagementID": n}. Name, allocation and managing coach come from the
// template unless given; startDate defaults to today and endDate to
// startDate plus the template's duration in months, less one day (PHP's
// month arithmetic: Jan 31 + 1 month is Mar 3), or indefinite for a template
// without duration. An overlap with another of the client's engagements
// that is not canceled is 440 unless allowMultipleCurrentEngagements.
func engagementAddForClient(c *call) (string, any, *apiError) {
	if e := c.required("ClientID", "EngagementTemplateID"); e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	var tpl *account.EngagementTemplate
	if _, _, e := c.idFilter("EngagementTemplateID", func(id int) bool {
		tpl = findTemplate(c.acct, id)
		return tpl != nil
	}, false); e != nil {
		return "", nil, e
	}
	coach, e := c.coachParam("CoachID")
	if e != nil {
		return "", nil, e
	}
	start, e := c.dateParam("startDate")
	if e != nil {
		return "", nil, e
	}
	end, e := c.dateParam("endDate")
	if e != nil {
		return "", nil, e
	}
	alloc, units := tpl.Allocation, tpl.AllocationUnit
	if v := c.params["allocation"]; v != "" {
		g := reAllocation.FindStringSubmatch(strings.TrimSpace(v))
		if g == nil {
			return "", nil, fail(apicode.EngagementAllocation, "%s: allocation %q is not like \"12 A\" or \"6 H\".", c.function, v)
		}
		alloc, units = atoi(g[1]), g[2]
	}
	if start == 0 {
		start = c.today()
	}
	if end == 0 && tpl.Duration > 0 {
		end = account.DateFromTime(start.Time(time.UTC).AddDate(0, tpl.Duration, 0)).AddDays(-1)
	}
	if end != 0 && end < start {
		return "", nil, fail(apicode.InvalidDate, "%s: endDate %s is before startDate %s.", c.function, end, start)
	}
	if !c.boolParam("allowMultipleCurrentEngagements", false) {
		for _, en := range c.acct.Engagements {
			if en.ClientID == cl.ID && !en.IsCanceled && overlaps(en, start, end) {
				return "", nil, fail(apicode.EngagementOverlap, "%s: client %d already has engagement %d in that period.", c.function, cl.ID, en.ID)
			}
		}
	}
	coachID := tpl.ManagingCoachID
	if coach != nil {
		coachID = coach.ID
	}
	if coachID == 0 {
		coachID = cl.CoachID
	}
	en := &account.Engagement{ID: nextID(c.acct.Engagements, func(x *account.Engagement) int { return x.ID }),
		Type: "client", ClientID: cl.ID, CoachID: coachID, TemplateID: tpl.ID, Name: tpl.Name, StartDate: start,
		EndDate: end, AllocationUnits: units, Allocation: alloc, DateAdded: c.nowDT()}
	c.acct.Engagements = append(c.acct.Engagements, en)
	return resultAdded, map[string]int{"EngagementID": en.ID}, nil
}

// overlaps reports whether en's period (open-ended when indefinite; for a
// completed one, up to dateClosed if earlier) meets start..end (end 0:
// open-ended).
func overlaps(en *account.Engagement, start, end account.Date) bool {
	eEnd := en.EndDate
	if en.IsComplete && en.DateClosed != 0 && (eEnd == 0 || en.DateClosed.Date() < eEnd) {
		eEnd = en.DateClosed.Date()
	}
	return (eEnd == 0 || start <= eEnd) && (end == 0 || en.StartDate <= end)
}

// engagementParam reads a required EngagementID (301, 302).
func (c *call) engagementParam() (*account.Engagement, *apiError) {
	if e := c.required("EngagementID"); e != nil {
		return nil, e
	}
	id, _, e := c.idFilter("EngagementID", func(id int) bool { return findEngagement(c.acct, id) != nil }, false)
	if e != nil {
		return nil, e
	}
	return findEngagement(c.acct, id), nil
}

// engagementComplete is Engagement.complete (5.17): dateClosed is the end
// date's last second (E), the start of the last appointment that is not
// canceled (U), or now (N, default, and the fallback of E and U). 441 when
// canceled, noop when already complete.
func engagementComplete(c *call) (string, any, *apiError) {
	en, e := c.engagementParam()
	if e != nil {
		return "", nil, e
	}
	when, e := c.enumParam("whenOption", "N", "E", "U", "N")
	if e != nil {
		return "", nil, e
	}
	if en.IsCanceled {
		return "", nil, fail(apicode.EngagementCanceled, "%s: engagement %d is canceled and cannot be completed.", c.function, en.ID)
	}
	if en.IsComplete {
		return resultNoop, nothing(), nil
	}
	closed := c.nowDT()
	switch when {
	case "E":
		if en.EndDate != 0 {
			closed = en.EndDate.At(23, 59, 59)
		}
	case "U":
		var last account.DateTime
		for _, ap := range c.acct.Appointments {
			if ap.EngagementID == en.ID && ap.Status != "C" {
				last = max(last, ap.StartDate)
			}
		}
		if last != 0 {
			closed = last
		}
	}
	en.IsComplete, en.DateClosed = true, closed
	return resultUpdated, nothing(), nil
}

// engagementCancel is Engagement.cancel (5.18): 442 when complete, noop
// when already canceled.
func engagementCancel(c *call) (string, any, *apiError) {
	en, e := c.engagementParam()
	if e != nil {
		return "", nil, e
	}
	if en.IsComplete {
		return "", nil, fail(apicode.EngagementComplete, "%s: engagement %d is complete and cannot be canceled.", c.function, en.ID)
	}
	if en.IsCanceled {
		return resultNoop, nothing(), nil
	}
	en.IsCanceled, en.DateClosed = true, c.nowDT()
	return resultUpdated, nothing(), nil
}

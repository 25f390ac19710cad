package fetch

import (
	"context"
	"fmt"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/shopspring/decimal"
)

// Invoice is a bill to a client or a company (section 4.16). Amounts are
// exact decimals in Currency, never more precise than its ISO 4217 minor
// units and below 10^15 in absolute value; never add amounts of different
// currencies. Currency is an upper-case ISO 4217 code. DateOf (never zero)
// and DateDue (zero when the invoice has none) are midnight in the account
// zone; every payment has a DatePaid.
type Invoice struct {
	ID            int
	InvoiceNumber string // may contain letters, e.g. "A1002"
	DateAdded     time.Time
	DateOf        time.Time
	DateDue       time.Time
	Currency      string // ISO 4217
	Amount        decimal.Decimal
	AmountPaid    decimal.Decimal // may exceed Amount when overpaid
	TaxRate       decimal.Decimal // percent, e.g. 7.5
	ClientID      int             // 0 for a company invoice
	FirstName     string
	LastName      string
	Email         string
	CompanyID     int // 0 for a client invoice
	CompanyName   string
	LineItems     []LineItem
	Payments      []InvoicePayment
}

// LineItem is one priced line of an invoice; Amount may be negative.
type LineItem struct {
	Item   string
	Amount decimal.Decimal
}

// InvoicePayment is a payment as listed inside an invoice (section 3.3); it
// carries no payment ID (see Payments).
type InvoicePayment struct {
	DatePaid    time.Time
	Amount      decimal.Decimal
	Method      string
	CheckNumber string
}

type wireLineItem struct {
	Item   flexString  `json:"item"`
	Amount flexDecimal `json:"amount"`
}

type wireInvoicePayment struct {
	DatePaid    flexTime    `json:"datePaid"`
	Amount      flexDecimal `json:"amount"`
	Method      flexString  `json:"method"`
	CheckNumber flexString  `json:"checkNumber"`
}

type wireInvoice struct {
	ID            flexInt                      `json:"ID"`
	InvoiceNumber flexString                   `json:"invoiceNumber"`
	DateAdded     flexTime                     `json:"dateAdded"`
	DateOf        flexTime                     `json:"dateOf"`
	DateDue       flexTime                     `json:"dateDue"`
	Currency      flexString                   `json:"currency"`
	Amount        flexDecimal                  `json:"amount"`
	AmountPaid    flexDecimal                  `json:"amountPaid"`
	TaxRate       flexDecimal                  `json:"taxRate"`
	ClientID      flexInt                      `json:"ClientID"`
	FirstName     flexString                   `json:"firstName"`
	LastName      flexString                   `json:"lastName"`
	Email         flexString                   `json:"email"`
	CompanyID     flexInt                      `json:"CompanyID"`
	CompanyName   flexString                   `json:"companyName"`
	LineItems     flexList[wireLineItem]       `json:"lineItemSet"`
	Payments      flexList[wireInvoicePayment] `json:"paymentSet"`
}

func (w wireInvoice) recordID() int { return int(w.ID) }

// record converts and checks an invoice: it needs an ID, an ISO 4217
// currency, amount and amountPaid at that currency's precision, a dateOf
// (not a zero date), and an amount on every line item and payment and a
// datePaid on every payment. dateDue and dateAdded may be absent (zero).
func (w wireInvoice) record(rc *recordCtx) (Invoice, error) {
	loc := rc.loc
	inv := Invoice{
		ID: int(w.ID), InvoiceNumber: string(w.InvoiceNumber), DateAdded: w.DateAdded.at(loc),
		DateOf: w.DateOf.date(loc), DateDue: w.DateDue.date(loc), TaxRate: w.TaxRate.value(),
		ClientID: int(w.ClientID), FirstName: string(w.FirstName), LastName: string(w.LastName),
		Email: string(w.Email), CompanyID: int(w.CompanyID), CompanyName: string(w.CompanyName),
	}
	fail := func(e *RecordError) (Invoice, error) {
		e.ID = inv.ID
		return Invoice{}, e
	}
	if e := requiredID(w.ID); e != nil {
		return fail(e)
	}
	ci, e := rc.currency("currency", string(w.Currency))
	if e != nil {
		return fail(e)
	}
	inv.Currency = ci.code
	if inv.Amount, e = rc.money("amount", w.Amount, ci); e != nil {
		return fail(e)
	}
	if inv.AmountPaid, e = rc.money("amountPaid", w.AmountPaid, ci); e != nil {
		return fail(e)
	}
	if e := requiredDate("dateOf", w.DateOf); e != nil {
		return fail(e)
	}
	if len(w.LineItems) > 0 {
		inv.LineItems = take(&rc.lineSlab, len(w.LineItems))
	}
	for i, li := range w.LineItems {
		a, e := rc.money("", li.Amount, ci)
		if e != nil {
			e.Field = fmt.Sprintf("lineItemSet[%d].amount", i+1)
			return fail(e)
		}
		inv.LineItems[i] = LineItem{Item: string(li.Item), Amount: a}
	}
	if len(w.Payments) > 0 {
		inv.Payments = take(&rc.paySlab, len(w.Payments))
	}
	for i, p := range w.Payments {
		a, e := rc.money("", p.Amount, ci)
		if e != nil {
			e.Field = fmt.Sprintf("paymentSet[%d].amount", i+1)
			return fail(e)
		}
		if e := requiredDate("", p.DatePaid); e != nil {
			e.Field = fmt.Sprintf("paymentSet[%d].datePaid", i+1)
			return fail(e)
		}
		inv.Payments[i] = InvoicePayment{DatePaid: p.DatePaid.at(loc), Amount: a, Method: string(p.Method), CheckNumber: string(p.CheckNumber)}
	}
	return inv, nil
}

// decodeJSON reads an invoice from d (the fast path of Invoice.getAll).
func (w *wireInvoice) reset() {
	*w = wireInvoice{LineItems: w.LineItems[:0], Payments: w.Payments[:0]}
}

func (inv *Invoice) relocate(z *zoner) {
	z.move(&inv.DateAdded)
	z.move(&inv.DateOf)
	z.move(&inv.DateDue)
	for i := range inv.Payments {
		z.move(&inv.Payments[i].DatePaid)
	}
}

func (w *wireInvoice) decodeJSON(d *jsontext.Decoder, st *decState) error {
	return readObject(d, func(name []byte, d *jsontext.Decoder) error {
		switch string(name) {
		case "ID":
			return readScalar(d, w.ID.set)
		case "invoiceNumber":
			return readScalar(d, w.InvoiceNumber.set)
		case "dateAdded":
			return readScalar(d, w.DateAdded.set)
		case "dateOf":
			return readScalar(d, w.DateOf.set)
		case "dateDue":
			return readScalar(d, w.DateDue.set)
		case "currency":
			return st.str(d, &w.Currency)
		case "amount":
			return st.num(d, &w.Amount)
		case "amountPaid":
			return st.num(d, &w.AmountPaid)
		case "taxRate":
			return st.num(d, &w.TaxRate)
		case "ClientID":
			return readScalar(d, w.ClientID.set)
		case "firstName":
			return st.str(d, &w.FirstName)
		case "lastName":
			return st.str(d, &w.LastName)
		case "email":
			return st.str(d, &w.Email)
		case "CompanyID":
			return readScalar(d, w.CompanyID.set)
		case "companyName":
			return st.str(d, &w.CompanyName)
		case "lineItemSet":
			return readList(d, func(d *jsontext.Decoder) error {
				var li wireLineItem
				err := readObject(d, func(name []byte, d *jsontext.Decoder) error {
					switch string(name) {
					case "item":
						return st.str(d, &li.Item)
					case "amount":
						return st.num(d, &li.Amount)
					}
					return errUnknownField
				})
				w.LineItems = append(w.LineItems, li)
				return err
			})
		case "paymentSet":
			return readList(d, func(d *jsontext.Decoder) error {
				var p wireInvoicePayment
				err := readObject(d, func(name []byte, d *jsontext.Decoder) error {
					switch string(name) {
					case "datePaid":
						return readScalar(d, p.DatePaid.set)
					case "amount":
						return st.num(d, &p.Amount)
					case "method":
						return st.str(d, &p.Method)
					case "checkNumber":
						return readScalar(d, p.CheckNumber.set)
					}
					return errUnknownField
				})
				w.Payments = append(w.Payments, p)
				return err
			})
		}
		return errUnknownField
	})
}

// InvoicesOptions filters Invoices; the zero value lists all invoices.
// From and To compare the invoice date (dateOf in the sandbox), inclusive,
// and are sent as the calendar date of their own location.
type InvoicesOptions struct {
	ClientID      int
	CompanyID     int
	CoachID       int // invoices of clients whose primary coach this is
	From, To      time.Time
	SortField     string // dateAdded (default), dateDue or dateOf
	SortDirection string // "A" or "D" (default)
}

// Invoices lists invoices with their line items and payments (API function
// Invoice.getAll).
func (c *Client) Invoices(ctx context.Context, opts InvoicesOptions) ([]Invoice, error) {
	q := query{}
	q.int("ClientID", opts.ClientID)
	q.int("CompanyID", opts.CompanyID)
	q.int("CoachID", opts.CoachID)
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	q.str("sortField", opts.SortField)
	q.str("sortDirection", opts.SortDirection)
	return getList(ctx, c, "Invoice.getAll", q, wireInvoice.record)
}

// Payment is a payment against an invoice (section 4.18), in the invoice's
// Currency. DatePaid is in the account zone.
type Payment struct {
	ID            int
	InvoiceID     int
	InvoiceNumber string
	DatePaid      time.Time
	Amount        decimal.Decimal
	Currency      string
	Method        string
	CheckNumber   string
}

type wirePayment struct {
	ID            flexInt     `json:"ID"`
	InvoiceID     flexInt     `json:"InvoiceID"`
	InvoiceNumber flexString  `json:"invoiceNumber"`
	DatePaid      flexTime    `json:"datePaid"`
	Amount        flexDecimal `json:"amount"`
	Currency      flexString  `json:"currency"`
	Method        flexString  `json:"method"`
	CheckNumber   flexString  `json:"checkNumber"`
}

func (w wirePayment) recordID() int { return int(w.ID) }

// record converts and checks a payment: it needs an ID, an ISO 4217
// currency, an amount at its precision and a datePaid (not a zero date).
func (w wirePayment) record(rc *recordCtx) (Payment, error) {
	p := Payment{
		ID: int(w.ID), InvoiceID: int(w.InvoiceID), InvoiceNumber: string(w.InvoiceNumber),
		DatePaid: w.DatePaid.at(rc.loc), Method: string(w.Method), CheckNumber: string(w.CheckNumber),
	}
	fail := func(e *RecordError) (Payment, error) {
		e.ID = p.ID
		return Payment{}, e
	}
	if e := requiredID(w.ID); e != nil {
		return fail(e)
	}
	ci, e := rc.currency("currency", string(w.Currency))
	if e != nil {
		return fail(e)
	}
	p.Currency = ci.code
	if p.Amount, e = rc.money("amount", w.Amount, ci); e != nil {
		return fail(e)
	}
	if e := requiredDate("datePaid", w.DatePaid); e != nil {
		return fail(e)
	}
	return p, nil
}

// decodeJSON reads a payment from d (the fast path of Invoice.getPayments).
func (p *Payment) relocate(z *zoner) { z.move(&p.DatePaid) }

func (w *wirePayment) decodeJSON(d *jsontext.Decoder, st *decState) error {
	return readObject(d, func(name []byte, d *jsontext.Decoder) error {
		switch string(name) {
		case "ID":
			return readScalar(d, w.ID.set)
		case "InvoiceID":
			return readScalar(d, w.InvoiceID.set)
		case "invoiceNumber":
			return readScalar(d, w.InvoiceNumber.set)
		case "datePaid":
			return readScalar(d, w.DatePaid.set)
		case "amount":
			return st.num(d, &w.Amount)
		case "currency":
			return st.str(d, &w.Currency)
		case "method":
			return st.str(d, &w.Method)
		case "checkNumber":
			return readScalar(d, w.CheckNumber.set)
		}
		return errUnknownField
	})
}

// PaymentsOptions filters Payments by the date paid (inclusive); the zero
// value lists every payment.
type PaymentsOptions struct {
	From, To      time.Time
	SortField     string // datePaid (default) or invoiceNumber
	SortDirection string // "A" or "D" (default)
}

// Payments lists payments across all invoices (API function
// Invoice.getPayments).
func (c *Client) Payments(ctx context.Context, opts PaymentsOptions) ([]Payment, error) {
	q := query{}
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	q.str("sortField", opts.SortField)
	q.str("sortDirection", opts.SortDirection)
	return getList(ctx, c, "Invoice.getPayments", q, wirePayment.record)
}

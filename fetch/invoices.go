package fetch

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Invoice is a bill to a client or a company (section 4.16). Amounts are
// exact decimals in Currency; never add amounts of different currencies.
// DateOf and DateDue are midnight in the account zone.
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

func (w wireInvoice) record(loc *time.Location) Invoice {
	inv := Invoice{
		ID: int(w.ID), InvoiceNumber: string(w.InvoiceNumber), DateAdded: w.DateAdded.at(loc),
		DateOf: w.DateOf.date(loc), DateDue: w.DateDue.date(loc), Currency: string(w.Currency),
		Amount: w.Amount.value(), AmountPaid: w.AmountPaid.value(), TaxRate: w.TaxRate.value(),
		ClientID: int(w.ClientID), FirstName: string(w.FirstName), LastName: string(w.LastName),
		Email: string(w.Email), CompanyID: int(w.CompanyID), CompanyName: string(w.CompanyName),
	}
	for _, li := range w.LineItems {
		inv.LineItems = append(inv.LineItems, LineItem{Item: string(li.Item), Amount: li.Amount.value()})
	}
	for _, p := range w.Payments {
		inv.Payments = append(inv.Payments, InvoicePayment{
			DatePaid: p.DatePaid.at(loc), Amount: p.Amount.value(), Method: string(p.Method), CheckNumber: string(p.CheckNumber),
		})
	}
	return inv
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

func (w wirePayment) record(loc *time.Location) Payment {
	return Payment{
		ID: int(w.ID), InvoiceID: int(w.InvoiceID), InvoiceNumber: string(w.InvoiceNumber),
		DatePaid: w.DatePaid.at(loc), Amount: w.Amount.value(), Currency: string(w.Currency),
		Method: string(w.Method), CheckNumber: string(w.CheckNumber),
	}
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

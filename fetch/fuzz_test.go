package fetch

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

func FuzzDecodeEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"status":"success","result":"loaded","return":[{"ID":1,"amount":"12.50","isActive":"1","dateAdded":"0000-00-00 00:00:00"}],"error":0,"message":"","timezone":"America\/Denver"}`,
		`{"status":"failure","result":"","return":[],"error":104,"message":"bad"}`,
		`{"status":"success","error":0,"return":{"data":"ClientID,Client Name,2025-01\n1,A,2\n"}}`,
		`{"status":"success","error":"0","return":{"0":{"ID":"3","lineItemSet":{"item":"x","amount":1}}}}`,
		`{"status":"success","return":[{"ID":1`,
		`<html>`, ``, `null`, `[]`,
	} {
		f.Add([]byte(s))
	}
	loc, _ := time.LoadLocation("America/Denver")
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := DecodeEnvelope(body)
		if err != nil {
			if env != nil {
				t.Fatal("envelope returned with an error")
			}
			return
		}
		if env.Error < 0 {
			t.Fatalf("negative code %d accepted", env.Error)
		}
		// Every decoder must cope with whatever return holds.
		rc := newRecordCtx(loc, nil, nil)
		if ws, err := decodeList[wireInvoice](env.Return); err == nil {
			for _, w := range ws {
				_, _ = w.record(rc)
			}
		}
		if ws, err := decodeList[wireEngagement](env.Return); err == nil {
			for _, w := range ws {
				_ = w.record(loc)
			}
		}
		if ws, err := decodeList[wireMetric](env.Return); err == nil {
			for _, w := range ws {
				_ = w.record(loc)
			}
		}
		if w, err := decodeOne[wireClient](env.Return); err == nil {
			_, _ = w.record(rc)
		}
		if w, err := decodeOne[wireCoach](env.Return); err == nil {
			_ = w.record(loc)
		}
		if text, err := csvText(env.Return); err == nil {
			_, _ = ParseActivityStatsCSV("f", text, loc)
		}
	})
}

// checkCSVResult asserts the invariants of a parse: an error is a
// *CSVError naming the call with no table, and a table comes without error.
func checkCSVResult(t *testing.T, ok bool, err error) {
	t.Helper()
	if err == nil {
		if !ok {
			t.Fatal("nil table without an error")
		}
		return
	}
	if ok {
		t.Fatalf("partial table returned with %v", err)
	}
	var ce *CSVError
	if !errors.As(err, &ce) {
		t.Fatalf("got %T %v, want a *CSVError", err, err)
	}
	if ce.Function != "fn" || ce.Line < 0 || !strings.Contains(err.Error(), "fn") {
		t.Fatalf("error %v does not name the call", err)
	}
}

func FuzzParseDataFetchCSV(f *testing.F) {
	f.Add("ClientID,Client Name,Date,Value\n1042,Ava Chen,2025-03-04,12\n", byte('L'), byte('N'))
	f.Add("ClientID,Client Name,Coach Name,2025-03,2025-03 Text\n1,A,B,4,x\n", byte('D'), byte('B'))
	f.Add("\ufeffClient ID,Name,Week of 3/3/2025,Q1 2025\r\n1,\"A\nB\",1.5,-2\r\n", byte('D'), byte('N'))
	f.Add("ClientID,Date,Value,Text\n1,2025-01-01,,\"a\"\"b\"\n", byte('L'), byte('B'))
	f.Add("ClientID,Client Name,Date,Value\n1,A,2025-01-01\n", byte('L'), byte('T'))
	loc, _ := time.LoadLocation("America/Denver")
	f.Fuzz(func(t *testing.T, text string, structure, whatData byte) {
		df, err := ParseDataFetchCSV("fn", text, loc, structure, whatData)
		checkCSVResult(t, df != nil, err)
		if err != nil {
			return
		}
		for _, c := range df.Cells {
			if c.BucketStart.Location() != loc {
				t.Fatalf("bucket start in %v, want %v", c.BucketStart.Location(), loc)
			}
		}
		if len(df.Rows) > 0 && len(df.Cells) > 0 {
			t.Fatal("both rows and cells")
		}
	})
}

func FuzzParseActivityStatsCSV(f *testing.F) {
	f.Add("ClientID,Client Name,2025-01,2025-02,2025-03,Total,Average\n1042,Ava Chen,14,9,11,34,11.33\n")
	f.Add("ClientID,Client Name,2025-Q1,Totals\n1,A,0,0\n2,B,3,3\n")
	f.Add("ClientID,Client Name,2025\n")
	f.Add("ClientID,2025-01-06,2025-01-13\n1,1\n")
	f.Fuzz(func(t *testing.T, text string) {
		as, err := ParseActivityStatsCSV("fn", text, time.UTC)
		checkCSVResult(t, as != nil, err)
		if err != nil {
			return
		}
		if len(as.Clients) > 0 && len(as.Cells)%len(as.Clients) != 0 {
			t.Fatalf("%d cells for %d clients", len(as.Cells), len(as.Clients))
		}
	})
}

// FuzzRecordDecoders feeds bodies to the invoice, payment and client
// fetchers through the production path (a Source) and checks that nothing
// panics and that every accepted record passed the record checks: IDs
// present and unique, an upper-case ISO 4217 currency, every amount below
// 10^15 and at the currency's precision, dates a report needs present.
func FuzzRecordDecoders(f *testing.F) {
	inv := `{"ID":9,"invoiceNumber":"A1","dateAdded":"2025-01-02 10:00:00","dateOf":"2025-01-02","dateDue":"0000-00-00",` +
		`"currency":"usd","amount":"430.00","amountPaid":100.5,"taxRate":7.5,"ClientID":"4","firstName":"Ava","lastName":null,` +
		`"email":"a@x","CompanyID":0,"companyName":"","lineItemSet":{"0":{"item":"C","amount":"400"}},` +
		`"paymentSet":[{"datePaid":"2025-01-05","amount":"100.50","method":"Check","checkNumber":12}]}`
	for _, s := range []string{
		`{"status":"success","result":"loaded","return":[` + inv + `],"error":0,"timezone":"America\/Denver"}`,
		`{"status":"success","return":[` + inv + `,` + inv + `],"error":0}`,
		`{"status":"success","return":{"ID":"3","InvoiceID":9,"datePaid":"2025-01-05 00:00:00","amount":"0.001","currency":"KWD"},"error":0}`,
		`{"status":"success","return":[{"ID":1,"currency":"JPY","amount":"1000","amountPaid":"0","dateOf":"2025-02-30"}],"error":0}`,
		`{"status":"success","return":[{"ID":1,"currency":"EUR","amount":1e14,"amountPaid":"-0.0","dateOf":"2025-02-28","lineItemSet":""}],"error":0}`,
		`{"status":"success","return":[{"ID":2,"firstName":"\u00c5sa","isActive":"1","dateAdded":"2024-02-11 09:30"}],"error":0}`,
		`{"status":"success","return":[],"error":0}`, `{"status":"success","return":"","error":0}`,
		`{"status":"failure","error":104}`, `{"status":"success","return":[{"ID":1`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := New(Config{Source: bodySource(body)})
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		if invs, err := c.Invoices(ctx, InvoicesOptions{}); err == nil {
			sameAsEncodingJSON(t, body, invs, c.Location())
			ids := map[int]bool{}
			for _, inv := range invs {
				if inv.ID <= 0 || ids[inv.ID] {
					t.Fatalf("invoice ID %d missing or repeated", inv.ID)
				}
				ids[inv.ID] = true
				scale := checkCurrency(t, inv.Currency)
				checkAmount(t, inv.Amount, scale)
				checkAmount(t, inv.AmountPaid, scale)
				if inv.DateOf.IsZero() {
					t.Fatalf("invoice %d accepted without dateOf", inv.ID)
				}
				for _, li := range inv.LineItems {
					checkAmount(t, li.Amount, scale)
				}
				for _, p := range inv.Payments {
					checkAmount(t, p.Amount, scale)
					if p.DatePaid.IsZero() {
						t.Fatalf("invoice %d: payment accepted without datePaid", inv.ID)
					}
				}
			}
		}
		if pays, err := c.Payments(ctx, PaymentsOptions{}); err == nil {
			ids := map[int]bool{}
			for _, p := range pays {
				if p.ID <= 0 || ids[p.ID] {
					t.Fatalf("payment ID %d missing or repeated", p.ID)
				}
				ids[p.ID] = true
				checkAmount(t, p.Amount, checkCurrency(t, p.Currency))
				if p.DatePaid.IsZero() {
					t.Fatalf("payment %d accepted without datePaid", p.ID)
				}
			}
		}
		if cs, err := c.Clients(ctx, ClientsOptions{}); err == nil {
			ids := map[int]bool{}
			for _, cl := range cs {
				if cl.ID <= 0 || ids[cl.ID] {
					t.Fatalf("client ID %d missing or repeated", cl.ID)
				}
				ids[cl.ID] = true
			}
		}
	})
}

// checkCurrency fails unless code is an upper-case ISO 4217 code, and
// returns its minor-unit digits.
func checkCurrency(t *testing.T, code string) int {
	t.Helper()
	u, err := currency.ParseISO(code)
	if err != nil || u.String() != code {
		t.Fatalf("currency %q accepted", code)
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// checkAmount fails unless d is below 10^15 and has at most scale decimals.
func checkAmount(t *testing.T, d decimal.Decimal, scale int) {
	t.Helper()
	if !d.Equal(d.Truncate(int32(scale))) {
		t.Fatalf("amount %s accepted with more than %d decimals", d, scale)
	}
	if d.Abs().GreaterThanOrEqual(decimal.New(1, 15)) {
		t.Fatalf("amount %s accepted", d)
	}
}

// sameAsEncodingJSON decodes body's invoices again the slow way
// (encoding/json with the flex types' UnmarshalJSON) and, when that
// succeeds too, fails unless both read the same values.
func sameAsEncodingJSON(t *testing.T, body []byte, invs []Invoice, loc *time.Location) {
	t.Helper()
	env, err := DecodeEnvelope(body)
	if err != nil {
		return
	}
	ws, err := decodeList[wireInvoice](env.Return)
	if err != nil || len(ws) != len(invs) {
		return
	}
	rc := newRecordCtx(loc, nil, nil)
	for i, w := range ws {
		inv, err := w.record(rc)
		if err != nil {
			return
		}
		if d := diffInvoice(invs[i], inv); d != "" {
			t.Fatalf("invoice %d: %s: streaming %+v, encoding/json %+v", i, d, invs[i], inv)
		}
	}
}

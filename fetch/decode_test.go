package fetch

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"
)

func TestFlexInt(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    int
		wantErr bool
	}{
		{`12`, 12, false}, {`"12"`, 12, false}, {`null`, 0, false}, {`""`, 0, false},
		{`"-3"`, -3, false}, {`12.0`, 12, false}, {`"12.5"`, 0, true}, {`"abc"`, 0, true},
		{`true`, 0, true}, {`[1]`, 0, true}, {`{}`, 0, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var f flexInt
			err := json.Unmarshal([]byte(tc.in), &f)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if err == nil && int(f) != tc.want {
				t.Errorf("got %d, want %d", f, tc.want)
			}
		})
	}
}

func TestFlexBool(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{`true`, true, false}, {`false`, false, false}, {`1`, true, false}, {`0`, false, false},
		{`"1"`, true, false}, {`"0"`, false, false}, {`"true"`, true, false}, {`"false"`, false, false},
		{`"TRUE"`, true, false}, {`null`, false, false}, {`""`, false, false}, {`"maybe"`, false, true}, {`2`, false, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var f flexBool
			err := json.Unmarshal([]byte(tc.in), &f)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if bool(f) != tc.want {
				t.Errorf("got %v, want %v", f, tc.want)
			}
		})
	}
}

func TestFlexDecimal(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    string // "" = invalid
		wantErr bool
	}{
		{`12.50`, "12.5", false}, {`"12.50"`, "12.5", false}, {`400`, "400", false}, {`"-0.25"`, "-0.25", false},
		{`null`, "", false}, {`""`, "", false}, {`0.1`, "0.1", false}, {`1e2`, "100", false},
		{`"1,200.00"`, "", true}, {`"12 USD"`, "", true}, {`"1e999999999"`, "", true}, {`[]`, "", true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var f flexDecimal
			err := json.Unmarshal([]byte(tc.in), &f)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if tc.want == "" {
				if f.valid {
					t.Errorf("got valid %s, want invalid", f.d)
				}
				return
			}
			if !f.valid || !f.d.Equal(decimal.RequireFromString(tc.want)) {
				t.Errorf("got %s (valid %v), want %s", f.d, f.valid, tc.want)
			}
		})
	}
}

func TestFlexTime(t *testing.T) {
	loc, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in       string
		wantAt   time.Time // zero = absent
		wantDate time.Time
		wantErr  bool
	}{
		{`"2025-03-05 14:30:00"`, time.Date(2025, 3, 5, 14, 30, 0, 0, loc), time.Date(2025, 3, 5, 0, 0, 0, 0, loc), false},
		{`"2025-03-05 14:30"`, time.Date(2025, 3, 5, 14, 30, 0, 0, loc), time.Date(2025, 3, 5, 0, 0, 0, 0, loc), false},
		{`"2025-03-05"`, time.Date(2025, 3, 5, 0, 0, 0, 0, loc), time.Date(2025, 3, 5, 0, 0, 0, 0, loc), false},
		{`null`, time.Time{}, time.Time{}, false},
		{`""`, time.Time{}, time.Time{}, false},
		{`"0000-00-00"`, time.Time{}, time.Time{}, false},
		{`"0000-00-00 00:00:00"`, time.Time{}, time.Time{}, false},
		{`"2025-13-45"`, time.Time{}, time.Time{}, true},
		{`"03/05/2025"`, time.Time{}, time.Time{}, true},
		{`12`, time.Time{}, time.Time{}, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var f flexTime
			err := json.Unmarshal([]byte(tc.in), &f)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if got := f.at(loc); !got.Equal(tc.wantAt) || got.IsZero() != tc.wantAt.IsZero() {
				t.Errorf("at: got %v, want %v", got, tc.wantAt)
			}
			if got := f.date(loc); !got.Equal(tc.wantDate) {
				t.Errorf("date: got %v, want %v", got, tc.wantDate)
			}
			if got := f.at(loc); !got.IsZero() && got.Location() != loc {
				t.Errorf("location: got %v, want %v", got.Location(), loc)
			}
		})
	}
}

func TestDecodeEnvelope(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		want    Envelope
		wantErr bool
	}{
		{"success", `{"status":"success","result":"loaded","return":[],"error":0,"message":"ok","timezone":"America\/Denver"}`,
			Envelope{Status: "success", Result: "loaded", Return: json.RawMessage(`[]`), Message: "ok", Timezone: "America/Denver"}, false},
		{"failure", `{"status":"failure","result":"","return":[],"error":104,"message":"bad key"}`,
			Envelope{Status: "failure", Return: json.RawMessage(`[]`), Error: apicode.APIKeyWrong, Message: "bad key"}, false},
		{"error as string", `{"status":"failure","error":"302","message":null}`,
			Envelope{Status: "failure", Error: apicode.UnknownID}, false},
		{"return missing", `{"status":"success","error":0,"timezone":"UTC"}`,
			Envelope{Status: "success", Timezone: "UTC"}, false},
		{"BOM and spaces", "\ufeff  {\"status\":\"success\",\"error\":0}\n", Envelope{Status: "success"}, false},
		{"truncated", `{"status":"success","return":[{"ID":1`, Envelope{}, true},
		{"html", `<html>502 Bad Gateway</html>`, Envelope{}, true},
		{"array", `[1,2]`, Envelope{}, true},
		{"no status", `{"foo":1}`, Envelope{}, true},
		{"failure without code", `{"status":"failure","error":0}`, Envelope{}, true},
		{"trailing", `{"status":"success","error":0}{}`, Envelope{}, true},
		{"empty", ``, Envelope{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeEnvelope([]byte(tc.body))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got.Status != tc.want.Status || got.Result != tc.want.Result || got.Error != tc.want.Error ||
				got.Message != tc.want.Message || got.Timezone != tc.want.Timezone || string(got.Return) != string(tc.want.Return) {
				t.Errorf("got %+v, want %+v", *got, tc.want)
			}
		})
	}
}

func TestReturnShapes(t *testing.T) {
	for _, tc := range []struct {
		ret     string
		wantIDs []int
		wantErr bool
	}{
		{`[]`, nil, false}, {`{}`, nil, false}, {`""`, nil, false}, {`null`, nil, false}, {``, nil, false},
		{`[ ]`, nil, false},
		{`[{"ID":1},{"ID":"2"}]`, []int{1, 2}, false},
		{`{"ID":7}`, []int{7}, false},
		{`{"1":{"ID":11},"0":{"ID":10}}`, []int{10, 11}, false},
		{`"text"`, nil, true}, {`5`, nil, true}, {`[1]`, nil, true},
	} {
		t.Run(tc.ret, func(t *testing.T) {
			got, err := decodeList[struct {
				ID flexInt `json:"ID"`
			}](json.RawMessage(tc.ret))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if len(got) != len(tc.wantIDs) {
				t.Fatalf("got %d records, want %d", len(got), len(tc.wantIDs))
			}
			for i := range got {
				if int(got[i].ID) != tc.wantIDs[i] {
					t.Errorf("record %d: got ID %d, want %d", i, got[i].ID, tc.wantIDs[i])
				}
			}
		})
	}
}

func TestSingleGetShapes(t *testing.T) {
	loc := time.UTC
	for _, ret := range []string{
		`[{"ID":5,"firstName":"Ava","isActive":"1","dateAdded":"2024-02-11 09:30:00"}]`,
		`{"ID":"5","firstName":"Ava","isActive":1,"dateAdded":"2024-02-11 09:30"}`,
	} {
		w, err := decodeOne[wireClient](json.RawMessage(ret))
		if err != nil {
			t.Fatalf("%s: %v", ret, err)
		}
		c, err := w.record(newRecordCtx(loc, nil, nil))
		if err != nil {
			t.Fatalf("%s: %v", ret, err)
		}
		if c.ID != 5 || c.FirstName != "Ava" || !c.IsActive || !c.DateAdded.Equal(time.Date(2024, 2, 11, 9, 30, 0, 0, loc)) {
			t.Errorf("%s: got %+v", ret, c)
		}
	}
	if _, err := decodeOne[wireClient](json.RawMessage(`[]`)); err == nil {
		t.Error("empty single get: got nil error, want one")
	}
	if _, err := decodeOne[wireClient](json.RawMessage(`[{"ID":1},{"ID":2}]`)); err == nil {
		t.Error("two-record single get: got nil error, want one")
	}
}

// TestRecordVariants decodes the same records as a PHP server might send
// them (strings for numbers, 1/0 booleans, zero dates, {} for empty lists)
// and as the sandbox sends them, and wants the same Go values.
func TestRecordVariants(t *testing.T) {
	loc, _ := time.LoadLocation("America/Denver")
	t.Run("invoice", func(t *testing.T) {
		variants := []string{
			`{"ID":9,"invoiceNumber":"A1002","dateAdded":"2025-01-02 10:00:00","dateOf":"2025-01-02","dateDue":"2025-01-16",
			  "currency":"USD","amount":430,"amountPaid":100.5,"taxRate":7.5,"ClientID":4,"firstName":"Ava","lastName":"Chen",
			  "email":"a@x","CompanyID":0,"companyName":"","lineItemSet":[{"item":"Coaching","amount":400}],
			  "paymentSet":[{"datePaid":"2025-01-05 00:00:00","amount":100.50,"method":"Check","checkNumber":"12"}]}`,
			`{"ID":"9","invoiceNumber":"A1002","dateAdded":"2025-01-02 10:00","dateOf":"2025-01-02 00:00:00","dateDue":"2025-01-16",
			  "currency":"USD","amount":"430.00","amountPaid":"100.50","taxRate":"7.50","ClientID":"4","firstName":"Ava","lastName":"Chen",
			  "email":"a@x","CompanyID":null,"companyName":null,"lineItemSet":{"0":{"item":"Coaching","amount":"400.00"}},
			  "paymentSet":{"datePaid":"2025-01-05","amount":"100.5","method":"Check","checkNumber":12}}`,
		}
		want := Invoice{ID: 9, InvoiceNumber: "A1002", DateAdded: time.Date(2025, 1, 2, 10, 0, 0, 0, loc),
			DateOf: time.Date(2025, 1, 2, 0, 0, 0, 0, loc), DateDue: time.Date(2025, 1, 16, 0, 0, 0, 0, loc),
			Currency: "USD", Amount: decimal.RequireFromString("430"), AmountPaid: decimal.RequireFromString("100.5"),
			TaxRate: decimal.RequireFromString("7.5"), ClientID: 4, FirstName: "Ava", LastName: "Chen", Email: "a@x",
			LineItems: []LineItem{{"Coaching", decimal.RequireFromString("400")}},
			Payments:  []InvoicePayment{{time.Date(2025, 1, 5, 0, 0, 0, 0, loc), decimal.RequireFromString("100.5"), "Check", "12"}}}
		for i, v := range variants {
			w, err := decodeOne[wireInvoice](json.RawMessage(v))
			if err != nil {
				t.Fatalf("variant %d: %v", i, err)
			}
			got, err := w.record(newRecordCtx(loc, nil, nil))
			if err != nil {
				t.Fatalf("variant %d: %v", i, err)
			}
			if d := diffInvoice(got, want); d != "" {
				t.Errorf("variant %d: %s", i, d)
			}
			// The streaming decoder reads the same values.
			var sw wireInvoice
			if err := decodeRecord(jsontext.NewDecoder(strings.NewReader(v)), &sw, newDecState()); err != nil {
				t.Fatalf("variant %d, stream: %v", i, err)
			}
			if got, err = sw.record(newRecordCtx(loc, nil, nil)); err != nil {
				t.Fatalf("variant %d, stream: %v", i, err)
			}
			if d := diffInvoice(got, want); d != "" {
				t.Errorf("variant %d, stream: %s", i, d)
			}
		}
	})
	t.Run("appointment", func(t *testing.T) {
		for _, tc := range []struct {
			json, name string
			counts     int
		}{
			{`{"ID":1,"name":"Kickoff","what":"Kickoff","countsInEngagement":1,"dateCanceled":null,"reminderSet":[]}`, "Kickoff", 1},
			{`{"ID":1,"what":"Kickoff","countsInEngagement":"-1","dateCanceled":"0000-00-00 00:00:00","reminderSet":""}`, "Kickoff", -1},
			{`{"ID":1,"name":"New","what":"Old","countsInEngagement":"0","reminderSet":{}}`, "New", 0},
		} {
			w, err := decodeOne[wireAppointment](json.RawMessage(tc.json))
			if err != nil {
				t.Fatalf("%s: %v", tc.json, err)
			}
			a := w.record(loc)
			if a.Name != tc.name || a.CountsInEngagement != tc.counts || !a.DateCanceled.IsZero() || a.Reminders != nil {
				t.Errorf("%s: got %+v", tc.json, a)
			}
		}
	})
	t.Run("metric without target", func(t *testing.T) {
		w, err := decodeOne[wireMetric](json.RawMessage(`{"ID":3,"name":"Weight","targetStart":null,"targetEnd":"","startDate":"2025-01-01","endDate":null,"dataSet":[{"dateOf":"2025-01-03","value":"81.5","comment":null}]}`))
		if err != nil {
			t.Fatal(err)
		}
		m := w.record(loc)
		if m.TargetStart.Valid || m.TargetEnd.Valid || !m.EndDate.IsZero() || len(m.Data) != 1 ||
			!m.Data[0].Value.Equal(decimal.RequireFromString("81.5")) || !m.Data[0].DateOf.Equal(time.Date(2025, 1, 3, 0, 0, 0, 0, loc)) {
			t.Errorf("got %+v", m)
		}
	})
	t.Run("bad record", func(t *testing.T) {
		if _, err := decodeList[wireInvoice](json.RawMessage(`[{"ID":1},{"ID":2,"amount":"1,000"}]`)); err == nil || !strings.Contains(err.Error(), "record 2") {
			t.Errorf("got %v, want an error naming record 2", err)
		}
	})
}

func TestUserVariants(t *testing.T) {
	for _, ret := range []string{
		`[{"firstName":"Olivia","lastName":"Owner","email":"o@x","username":"olivia"}]`,
		`{"firstName":"Olivia","lasName":"Owner","email":"o@x","username":"olivia"}`,
	} {
		w, err := decodeOne[wireUser](json.RawMessage(ret))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := w.record(), (User{"Olivia", "Owner", "o@x", "olivia"}); got != want {
			t.Errorf("%s: got %+v, want %+v", ret, got, want)
		}
	}
}

func diffInvoice(got, want Invoice) string {
	switch {
	case got.ID != want.ID || got.InvoiceNumber != want.InvoiceNumber || got.Currency != want.Currency ||
		got.ClientID != want.ClientID || got.CompanyID != want.CompanyID || got.FirstName != want.FirstName ||
		got.LastName != want.LastName || got.Email != want.Email || got.CompanyName != want.CompanyName:
		return "identity fields differ"
	case !got.DateAdded.Equal(want.DateAdded) || !got.DateOf.Equal(want.DateOf) || !got.DateDue.Equal(want.DateDue):
		return "dates differ"
	case !got.Amount.Equal(want.Amount) || !got.AmountPaid.Equal(want.AmountPaid) || !got.TaxRate.Equal(want.TaxRate):
		return "amounts differ"
	case len(got.LineItems) != len(want.LineItems) || len(got.Payments) != len(want.Payments):
		return "set lengths differ"
	}
	for i := range got.LineItems {
		if got.LineItems[i].Item != want.LineItems[i].Item || !got.LineItems[i].Amount.Equal(want.LineItems[i].Amount) {
			return "line items differ"
		}
	}
	for i := range got.Payments {
		g, w := got.Payments[i], want.Payments[i]
		if !g.DatePaid.Equal(w.DatePaid) || !g.Amount.Equal(w.Amount) || g.Method != w.Method || g.CheckNumber != w.CheckNumber {
			return "payments differ"
		}
	}
	return ""
}

// TestEngagementDecode checks the engagement fields a report reads where a
// wrong reading would be silent: a date whose midnight the zone skips keeps
// its day, and allocationUsedP/A tell a missing figure from a zero.
func TestEngagementDecode(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("skipped midnight", func(t *testing.T) {
		// Chile's clocks went from 2025-09-06 24:00 to 2025-09-07 01:00.
		w, err := decodeOne[wireEngagement](json.RawMessage(`{"ID":1,"startDate":"2025-09-07","endDate":"2025-09-08 00:00:00","allocationUsedP":1,"allocationUsedA":2}`))
		if err != nil {
			t.Fatal(err)
		}
		e := w.record(santiago)
		for _, tc := range []struct {
			name string
			got  time.Time
			day  int
			hour int
		}{{"startDate", e.StartDate, 7, 1}, {"endDate", e.EndDate, 8, 0}} {
			if got := tc.got.In(santiago); got.Day() != tc.day || got.Hour() != tc.hour || got.Minute() != 0 {
				t.Errorf("%s: got %s, want 2025-09-%02d %02d:00", tc.name, got, tc.day, tc.hour)
			}
		}
		if !e.AllocationUsedKnown || e.AllocationUsedP != 1 || e.AllocationUsedA != 2 {
			t.Errorf("allocation used: got known %t, P %d, A %d; want true, 1, 2", e.AllocationUsedKnown, e.AllocationUsedP, e.AllocationUsedA)
		}
	})
	for _, tc := range []struct {
		json  string
		known bool
	}{
		{`{"ID":1,"allocationUsedP":0,"allocationUsedA":"0"}`, true},
		{`{"ID":1,"allocationUsedA":3}`, false},
		{`{"ID":1,"allocationUsedP":null,"allocationUsedA":3}`, false},
		{`{"ID":1,"allocationUsedP":"","allocationUsedA":3}`, false},
		{`{"ID":1}`, false},
	} {
		w, err := decodeOne[wireEngagement](json.RawMessage(tc.json))
		if err != nil {
			t.Fatalf("%s: %v", tc.json, err)
		}
		if got := w.record(time.UTC).AllocationUsedKnown; got != tc.known {
			t.Errorf("%s: got AllocationUsedKnown %t, want %t", tc.json, got, tc.known)
		}
	}
	if _, err := decodeOne[wireEngagement](json.RawMessage(`{"ID":1,"allocationUsedP":"many"}`)); err == nil {
		t.Error(`allocationUsedP "many": got nil error, want one`)
	}
}

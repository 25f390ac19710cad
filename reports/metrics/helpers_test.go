package metrics_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/metrics"
	"github.com/careport/careport/reports/model"
)

func fx(s string) *account.Fixed {
	f, err := account.ParseFixed(s)
	if err != nil {
		panic(err)
	}
	return &f
}

func day(m time.Month, d int) account.Date { return account.DateOf(2025, m, d) }

// Clients added to the fixture.
const (
	tokyoClient = 107 // Gus Tanaka, time zone Asia/Tokyo (the account's is America/Denver)
)

// testAccount is sandboxtest.Fixture() (today 2025-06-30, America/Denver)
// with the records the report's cases need, around June 2025 (the
// previous period is May 2025; weeks start on Mondays in the sandbox,
// 2025-05-26 is the week across the month's end):
//
//   - Weight (lower is better): client 101's metric 1 (target 180 to 170
//     lbs, 2025-05-01..08-01) gets points on May 28 and June 1, 3, 12, 24;
//     the Tokyo client 107 has one (150 to 140, June) that ends exactly on
//     the band (on pace); inactive client 104 one without a target.
//   - Sales calls: 102 cumulative (0 to 90 over May-July), 103 without a
//     target, 106 cumulative with data only in May (no data in June), 101
//     with a target and data only in March: no data in the window.
//   - Energy level: a metric of 106 (target 5 to 8) and a worksheet input
//     (102, done June 18) and a session input (107, Sunday June 15 at
//     23:30 in the account zone: already Monday in Tokyo).
//   - Biggest win: text only (session answers of 101 in May, 107 in June).
func testAccount() *account.Account {
	a := sandboxtest.Fixture()
	for _, m := range a.Metrics {
		if m.ID == 1 {
			m.Data = append(m.Data,
				&account.DataPoint{ID: 101, DateOf: day(5, 28), Value: *fx("176")},
				&account.DataPoint{ID: 102, DateOf: day(6, 1), Value: *fx("175.8")},
				&account.DataPoint{ID: 103, DateOf: day(6, 3), Value: *fx("175.5")},
				&account.DataPoint{ID: 104, DateOf: day(6, 12), Value: *fx("175")},
				&account.DataPoint{ID: 105, DateOf: day(6, 24), Value: *fx("174.75"), Comment: "holiday"},
			)
		}
	}
	a.Clients = append(a.Clients, &account.Client{ID: tokyoClient, CoachID: 1, FirstName: "Gus", LastName: "Tanaka",
		Email: "gus@example.com", Gender: "M", Timezone: "Asia/Tokyo", DateAdded: account.DateTimeOf(2025, 5, 20, 9, 0, 0), IsActive: true})
	a.Pairings = append(a.Pairings, &account.Pairing{CoachID: 1, ClientID: tokyoClient, Type: "P", StartDate: account.DateTimeOf(2025, 5, 20, 9, 0, 0)})
	pts := func(id0 int, kv ...any) []*account.DataPoint {
		var out []*account.DataPoint
		for i := 0; i < len(kv); i += 2 {
			out = append(out, &account.DataPoint{ID: id0 + i/2, DateOf: kv[i].(account.Date), Value: *fx(kv[i+1].(string))})
		}
		return out
	}
	a.Metrics = append(a.Metrics,
		&account.Metric{ID: 10, ClientID: tokyoClient, Name: "Weight", Units: "lbs", StartDate: day(6, 1), EndDate: day(6, 30),
			TargetMode: "L", TargetStart: fx("150"), TargetEnd: fx("140"), DataMode: "R", RepeatRule: "weekly",
			Data: pts(200, day(6, 2), "150", day(6, 16), "146", day(6, 29), "139.5")},
		&account.Metric{ID: 11, ClientID: 104, Name: "Weight", Units: "lbs", StartDate: day(1, 1), EndDate: day(12, 31),
			TargetMode: "L", DataMode: "R", RepeatRule: "none", Data: pts(210, day(6, 10), "200")},
		&account.Metric{ID: 12, ClientID: 102, Name: "Sales calls", Units: "calls", StartDate: day(5, 1), EndDate: day(7, 30),
			TargetMode: "H", TargetStart: fx("0"), TargetEnd: fx("90"), DataMode: "C", RepeatRule: "weekly",
			Data: pts(220, day(5, 5), "10", day(5, 20), "12", day(5, 27), "3", day(6, 4), "8", day(6, 11), "15", day(6, 25), "7")},
		&account.Metric{ID: 13, ClientID: 103, Name: "Sales calls", Units: "calls", StartDate: day(5, 1), EndDate: day(12, 31),
			TargetMode: "H", DataMode: "R", RepeatRule: "none", Data: pts(230, day(6, 9), "5", day(6, 10), "6")},
		&account.Metric{ID: 14, ClientID: 106, Name: "Sales calls", Units: "calls", StartDate: day(5, 1), EndDate: day(6, 30),
			TargetMode: "H", TargetStart: fx("0"), TargetEnd: fx("40"), DataMode: "C", RepeatRule: "none",
			Data: pts(240, day(5, 10), "30")},
		&account.Metric{ID: 15, ClientID: 101, Name: "Sales calls", Units: "calls", StartDate: day(3, 1), EndDate: day(8, 31),
			TargetMode: "H", TargetStart: fx("0"), TargetEnd: fx("50"), DataMode: "C", RepeatRule: "none",
			Data: pts(250, day(3, 10), "4")},
		&account.Metric{ID: 16, ClientID: 106, Name: "Energy level", Units: "points", StartDate: day(6, 1), EndDate: day(6, 30),
			TargetMode: "H", TargetStart: fx("5"), TargetEnd: fx("8"), DataMode: "R", RepeatRule: "none",
			Data: pts(260, day(6, 6), "6", day(6, 20), "7.5")},
	)
	a.Worksheets = append(a.Worksheets, &account.Worksheet{ID: 10, CoachID: 2, ClientID: 102, Title: "Check-in form",
		DateAssigned: account.DateTimeOf(2025, 6, 16, 9, 0, 0), DateDue: account.DateTimeOf(2025, 6, 20, 17, 0, 0),
		DateDone: account.DateTimeOf(2025, 6, 18, 19, 30, 0), IsDone: true,
		Answers: []*account.Answer{{Name: "energy level", Value: "9", NumberValue: fx("9")}}})
	a.Sessions = append(a.Sessions, &account.Session{ID: 10, CoachID: 1, ClientID: tokyoClient,
		DateOf: account.DateTimeOf(2025, 6, 15, 23, 30, 0), Title: "Late call", Content: "<p>Late</p>", Visibility: "*",
		Answers:   []*account.Answer{{Name: "Energy level", Value: "4", NumberValue: fx("4")}, {Name: "Biggest win", Value: "Ran 10k"}},
		DateAdded: account.DateTimeOf(2025, 6, 15, 23, 59, 0), DateDone: account.DateTimeOf(2025, 6, 16, 0, 10, 0)})
	return a
}

// recorder remembers every API call a run makes: function and ClientID.
type recorder struct {
	base  http.RoundTripper
	mu    sync.Mutex
	calls []string
}

func (rc *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.GetBody != nil {
		if body, err := r.GetBody(); err == nil {
			var sb strings.Builder
			buf := make([]byte, 4096)
			for {
				n, err := body.Read(buf)
				sb.Write(buf[:n])
				if err != nil {
					break
				}
			}
			_ = body.Close()
			if q, err := url.ParseQuery(sb.String()); err == nil {
				c := q.Get("a")
				if id := q.Get("ClientID"); id != "" {
					c += " ClientID=" + id
				}
				rc.mu.Lock()
				rc.calls = append(rc.calls, c)
				rc.mu.Unlock()
			}
		}
	}
	return rc.base.RoundTrip(r)
}

func (rc *recorder) called(call string) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, c := range rc.calls {
		if c == call {
			return true
		}
	}
	return false
}

// result is one run of the report.
type result struct {
	rep   *model.Report
	err   error
	calls *recorder
	loc   *time.Location
}

// run runs the metrics report as the command does (Needs, load, MoreNeeds,
// load, Build) over real HTTP against a sandbox serving a, with the
// report's own flags args, for period (any --period form) and coach.
func run(t *testing.T, a *account.Account, period string, coachID int, args ...string) result {
	t.Helper()
	_, u := sandboxtest.Start(t, sandbox.Options{Account: a, Now: sandboxtest.Now})
	rc := &recorder{base: http.DefaultTransport}
	c, err := fetch.New(fetch.Config{BaseURL: u, HTTPClient: &http.Client{Transport: rc},
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	return runWith(t, c, a, period, coachID, args...).with(rc)
}

func (r result) with(rc *recorder) result { r.calls = rc; return r }

func runWith(t *testing.T, c *fetch.Client, a *account.Account, period string, coachID int, args ...string) result {
	t.Helper()
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	now := sandboxtest.Now()
	ds, err := dataset.New(c, dataset.Options{FetchedAt: now, Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("metrics", pflag.ContinueOnError)
	rep := metrics.Spec.New(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	res := result{loc: loc}
	if res.err = rep.CheckFlags(); res.err != nil {
		return res
	}
	per, err := model.ParsePeriod(period, loc, now)
	if from, to, ok := strings.Cut(period, ".."); ok {
		per, err = model.ParseRange(from, to, loc, now)
	}
	if err != nil {
		t.Fatal(err)
	}
	p := reports.Params{Period: per, CoachID: coachID, Location: loc, DataTime: now, GeneratedAt: now, AccountName: a.Name}
	for _, co := range a.Coaches {
		if co.ID == coachID {
			p.CoachName = co.FirstName + " " + co.LastName
		}
	}
	needs, err := rep.Needs(p)
	if err != nil {
		res.err = err
		return res
	}
	if err := ds.Load(t.Context(), needs); err != nil {
		t.Fatalf("load: %v", err)
	}
	more, err := rep.(reports.Staged).MoreNeeds(ds, p)
	if err != nil {
		t.Fatalf("more needs: %v", err)
	}
	if err := ds.Load(t.Context(), more); err != nil {
		t.Fatalf("load more: %v", err)
	}
	res.rep, res.err = rep.Build(ds, p)
	return res
}

// sheet returns the report's sheet called name.
func sheet(t *testing.T, r *model.Report, name string) *model.Sheet {
	t.Helper()
	for _, s := range r.Sheets {
		if s.Name == name {
			return s
		}
	}
	var names []string
	for _, s := range r.Sheets {
		names = append(names, s.Name)
	}
	t.Fatalf("no sheet %q; sheets: %q", name, names)
	return nil
}

// cells reads a sheet as strings: numbers as exact decimals, dates as
// YYYY-MM-DD, percents to 6 decimals, empty as "".
func cells(t *testing.T, s *model.Sheet) [][]string {
	t.Helper()
	var out [][]string
	err := s.EachRow(t.Context(), func(_ int, r model.Row) error {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = str(v)
		}
		out = append(out, row)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func str(v model.Value) string {
	switch v.Kind() {
	case model.KindText:
		return v.Str()
	case model.KindInt:
		return strconv.FormatInt(v.Int(), 10)
	case model.KindNumber, model.KindMoney:
		return v.Decimal().String()
	case model.KindPercent:
		return strconv.FormatFloat(v.Float(), 'f', 6, 64)
	case model.KindTime:
		return v.Time().Format(time.DateOnly)
	}
	return ""
}

// header returns a sheet's column names.
func header(s *model.Sheet) []string {
	var out []string
	for _, c := range s.Columns {
		out = append(out, c.Name)
	}
	return out
}

// kpi returns the current and previous values of a KPI of a field.
func kpi(t *testing.T, r *model.Report, field, name string) (string, string) {
	t.Helper()
	for _, k := range r.KPIs {
		if k.Group == field && k.Name == name {
			return str(k.Current), str(k.Previous)
		}
	}
	t.Fatalf("no KPI %s / %s", field, name)
	return "", ""
}

// Package dataset is careport's one data layer: the per-run set of records
// every report reads. Each kind of data (clients, coaches, invoices, ...) is
// fetched at most once per run however many reports need it, and independent
// calls are in flight at the same time, bounded by the fetch.Client's
// concurrency. Calls that take report parameters (activity stats, data
// fetch) are loaded once per distinct parameter set.
//
// A report declares what it needs as []Need; the command loads the union of
// every selected report's needs with Load and then hands the Set to each
// report's pure build step, which reads records with the typed accessors. An
// accessor for data that was not loaded returns an error wrapping
// ErrNotLoaded, so a report that forgets to declare a need fails loudly in
// every test instead of silently fetching.
//
// The account time zone and the fetch time are carried once, with the data:
// the zone is the one the first answered envelope named (or the snapshot's),
// and FetchedAt is when the run's fetch started (or the snapshot's fetch
// time), never "the last response".
package dataset

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/careport/careport/fetch"
)

// Kind names one kind of data a report can need.
type Kind string

// The kinds of data, each with the API call that loads it. Whole lists are
// fetched without date filters (reports filter locally), always with the
// same parameters, so that one snapshot serves any period.
const (
	Clients      Kind = "clients"        // Client.getAll, inactive clients included
	Coaches      Kind = "coaches"        // Coach.getAll, inactive coaches included
	Companies    Kind = "companies"      // Company.getAll, inactive companies included
	Invoices     Kind = "invoices"       // Invoice.getAll, no filter
	Payments     Kind = "payments"       // Invoice.getPayments, no filter
	Engagements  Kind = "engagements"    // Engagement.getAll, with their appointments
	Appointments Kind = "appointments"   // Appointment.getAll, pending and canceled included
	Pairings     Kind = "pairings"       // Pairing.getHistory, every period past and present
	Actions      Kind = "actions"        // Action.getAll per client (done and canceled included)
	Metrics      Kind = "metrics"        // Metric.getAll per client (completed ones included)
	Sessions     Kind = "sessions"       // Session.getAll, completed session notes (drafts are never fetched)
	Worksheets   Kind = "worksheets"     // Worksheet.getAll, outstanding ones included, without content
	Activity     Kind = "activity-stats" // ClientData.getActivityStats, per parameter set
	DataFetch    Kind = "data-fetch"     // ClientData.getByField, per parameter set
)

// Kinds lists the parameterless kinds in a stable order (for help texts).
var Kinds = []Kind{Clients, Coaches, Companies, Invoices, Payments, Engagements,
	Appointments, Pairings, Actions, Metrics, Sessions, Worksheets}

// Need is one piece of data a report needs. For Activity and DataFetch the
// options say which call; for Actions and Metrics, ClientID (when not 0)
// names the one client whose records are needed (0: every client's); for
// the other kinds they are ignored.
type Need struct {
	Kind          Kind
	ActivityStats fetch.ActivityStatsOptions
	DataFetch     fetch.DataFetchOptions
	ClientID      int
}

// Of returns a Need for each parameterless kind.
func Of(kinds ...Kind) []Need {
	out := make([]Need, len(kinds))
	for i, k := range kinds {
		out[i] = Need{Kind: k}
	}
	return out
}

// NeedActionsOf returns the needs of the actions of each of the clients
// ids: one Action.getAll call per client, made once per run however many
// reports need that client's actions (the whole list, Of(Actions), shares
// them too). A report that needs only some clients' actions (those active
// in the period, say) declares them from reports.Staged's second stage,
// once the data that says which clients is loaded.
func NeedActionsOf(ids ...int) []Need { return perClient(Actions, ids) }

// NeedMetricsOf is NeedActionsOf for metrics (Metric.getAll per client).
func NeedMetricsOf(ids ...int) []Need { return perClient(Metrics, ids) }

func perClient(k Kind, ids []int) []Need {
	out := make([]Need, 0, len(ids))
	for _, id := range ids {
		if id != 0 {
			out = append(out, Need{Kind: k, ClientID: id})
		}
	}
	return out
}

// NeedActivityStats returns the need of one ClientData.getActivityStats call.
func NeedActivityStats(o fetch.ActivityStatsOptions) Need {
	return Need{Kind: Activity, ActivityStats: o}
}

// NeedDataFetch returns the need of one ClientData.getByField call.
func NeedDataFetch(o fetch.DataFetchOptions) Need { return Need{Kind: DataFetch, DataFetch: o} }

// key identifies a need: its kind, plus its parameters for the kinds that
// take them. Times are keyed by their calendar date, as they are sent.
func (n Need) key() string {
	d := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	switch n.Kind {
	case Activity:
		o := n.ActivityStats
		return fmt.Sprintf("%s coach=%d client=%d group=%d company=%d engagement=%d bucket=%c from=%s to=%s items=%s inactive=%t nototals=%t noavg=%t",
			n.Kind, o.CoachID, o.ClientID, o.GroupID, o.CompanyID, o.EngagementID, max(o.Bucket, ' '),
			d(o.From), d(o.To), o.ItemTypes, o.IncludeInactive, o.WithoutTotals, o.WithoutAverages)
	case DataFetch:
		o := n.DataFetch
		return fmt.Sprintf("%s field=%q coach=%d client=%d from=%s to=%s inactive=%t coachname=%t bucket=%c what=%c structure=%c",
			n.Kind, o.FieldName, o.CoachID, o.ClientID, d(o.From), d(o.To), o.IncludeInactive,
			o.IncludeCoachName, max(o.Bucket, ' '), max(o.WhatData, ' '), max(o.Structure, ' '))
	case Actions, Metrics:
		if n.ClientID != 0 {
			return fmt.Sprintf("%s client=%d", n.Kind, n.ClientID)
		}
	}
	return string(n.Kind)
}

// String describes the need for messages.
func (n Need) String() string { return n.key() }

// Union returns the distinct needs of all the lists, in first-seen order.
func Union(lists ...[]Need) []Need {
	seen := map[string]bool{}
	var out []Need
	for _, l := range lists {
		for _, n := range l {
			if k := n.key(); !seen[k] {
				seen[k] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// ErrNotLoaded is returned (wrapped) by an accessor for data that Load was
// not asked for.
var ErrNotLoaded = errors.New("data not loaded")

// ErrUnknownKind is returned (wrapped) by Load for a Need of no known kind.
var ErrUnknownKind = errors.New("unknown kind of data")

// Options configures a Set.
type Options struct {
	// FetchedAt is the data time: when this run's fetch started, or the
	// snapshot's fetch time. Required.
	FetchedAt time.Time
	// Location is the account time zone when known in advance (a
	// snapshot's); nil means the zone of the first answered call.
	Location *time.Location
	// Progress, when set, is told when each call starts and ends.
	Progress Progress
}

// Progress is told of every call a Set makes; implementations must be safe
// for concurrent use.
type Progress interface {
	// Planned announces n more calls (n may grow as fan-outs learn their size).
	Planned(n int)
	// Started is called when the call for need begins.
	Started(need string)
	// Done is called when it ends, err nil on success.
	Done(need string, err error)
}

// Set is the data of one run. Load it, then read it; it is safe for
// concurrent use.
type Set struct {
	c         *fetch.Client
	fetchedAt time.Time
	progress  Progress

	mu    sync.Mutex
	loc   *time.Location
	slots map[string]*slot
}

// slot is one need's result: done is closed when val/err are set.
type slot struct {
	need Need
	done chan struct{}
	val  any
	err  error
}

// New returns an empty Set reading through c (live or from a snapshot).
func New(c *fetch.Client, o Options) (*Set, error) {
	if c == nil {
		return nil, errors.New("dataset: nil client")
	}
	if o.FetchedAt.IsZero() {
		return nil, errors.New("dataset: the data time (FetchedAt) is required")
	}
	return &Set{c: c, fetchedAt: o.FetchedAt, progress: o.Progress, loc: o.Location, slots: map[string]*slot{}}, nil
}

// FetchedAt returns the data time.
func (s *Set) FetchedAt() time.Time { return s.fetchedAt }

// Location returns the account time zone: the snapshot's, or the zone the
// first answered call named; UTC before any call has been answered.
func (s *Set) Location() *time.Location {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loc == nil {
		return time.UTC
	}
	return s.loc
}

// Load fetches every need not loaded yet, all at the same time (the
// client's concurrency bounds the requests in flight), and waits for them.
// A need already loaded, or being loaded by another Load, is not fetched
// again. The first error cancels the calls still running and is returned,
// wrapped with the kind of data that failed.
func (s *Set) Load(ctx context.Context, needs []Need) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	fail := func(err error) {
		once.Do(func() { first = err; cancel() })
	}
	type claimed struct {
		sl   *slot
		mine bool
	}
	var todo []claimed
	planned := 0
	for _, n := range Union(needs) {
		sl, mine, err := s.claim(n)
		if err != nil {
			return err
		}
		todo = append(todo, claimed{sl, mine})
		if mine {
			planned++
		}
	}
	if s.progress != nil && planned > 0 {
		s.progress.Planned(planned)
	}
	for _, t := range todo {
		wg.Go(func() {
			if t.mine {
				s.fill(ctx, t.sl)
			}
			select {
			case <-t.sl.done:
				if t.sl.err != nil {
					fail(t.sl.err)
				}
			case <-ctx.Done():
				fail(ctx.Err())
			}
		})
	}
	wg.Wait()
	return first
}

// claim returns the slot of n, creating it when new (mine true: the caller
// fills it).
func (s *Set) claim(n Need) (*slot, bool, error) {
	if !known(n.Kind) {
		return nil, false, fmt.Errorf("dataset: %q: %w", n.Kind, ErrUnknownKind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := n.key()
	if sl, ok := s.slots[k]; ok {
		if isDone(sl) && sl.err != nil {
			// A failed load (cut short by a cancel, say) is tried again by
			// a later Load rather than failing it forever.
			sl = &slot{need: n, done: make(chan struct{})}
			s.slots[k] = sl
			return sl, true, nil
		}
		return sl, false, nil
	}
	sl := &slot{need: n, done: make(chan struct{})}
	s.slots[k] = sl
	return sl, true, nil
}

func isDone(sl *slot) bool {
	select {
	case <-sl.done:
		return true
	default:
		return false
	}
}

func known(k Kind) bool { return slices.Contains(Kinds, k) || k == Activity || k == DataFetch }

// fill runs sl's call and records its result.
func (s *Set) fill(ctx context.Context, sl *slot) {
	name := sl.need.String()
	if s.progress != nil {
		s.progress.Started(name)
	}
	val, err := s.fetch(ctx, sl.need)
	if err != nil {
		err = fmt.Errorf("fetch %s: %w", describe(sl.need), err)
	} else {
		s.mu.Lock()
		if s.loc == nil {
			s.loc = s.c.Location()
		}
		s.mu.Unlock()
	}
	if s.progress != nil {
		s.progress.Done(name, err)
	}
	sl.val, sl.err = val, err
	close(sl.done)
}

// describe names a need in words for errors.
func describe(n Need) string {
	switch n.Kind {
	case Activity:
		return "activity stats (" + strings.TrimPrefix(n.key(), string(n.Kind)+" ") + ")"
	case DataFetch:
		return "data fetch of " + fmt.Sprintf("%q", n.DataFetch.FieldName)
	case Actions, Metrics:
		if n.ClientID != 0 {
			return fmt.Sprintf("%s of client %d", n.Kind, n.ClientID)
		}
	}
	return string(n.Kind)
}

// fetch makes the API call(s) of one need. The whole lists of the fan-out
// kinds (actions, metrics) need the client list first; they load it and
// then every client's slot through the Set, so each call is made once even
// when a report needs both, or another needs some of the clients.
func (s *Set) fetch(ctx context.Context, n Need) (any, error) {
	c := s.c
	switch n.Kind {
	case Clients:
		return c.Clients(ctx, fetch.ClientsOptions{IncludeInactive: true})
	case Coaches:
		return c.Coaches(ctx, fetch.CoachesOptions{IncludeInactive: true})
	case Companies:
		return c.Companies(ctx, fetch.CompaniesOptions{IncludeInactive: true})
	case Invoices:
		return c.Invoices(ctx, fetch.InvoicesOptions{})
	case Payments:
		return c.Payments(ctx, fetch.PaymentsOptions{})
	case Engagements:
		return c.Engagements(ctx, fetch.EngagementsOptions{IncludeAppointments: true})
	case Appointments:
		return c.Appointments(ctx, fetch.AppointmentsOptions{IncludePending: true, IncludeCanceled: true})
	case Pairings:
		return c.PairingHistory(ctx, fetch.PairingHistoryOptions{})
	case Actions, Metrics:
		switch {
		case n.ClientID != 0 && n.Kind == Actions:
			return c.Actions(ctx, n.ClientID, fetch.ActionsOptions{IncludeDone: true, IncludeCanceled: true})
		case n.ClientID != 0:
			return c.Metrics(ctx, n.ClientID, fetch.MetricsOptions{IncludeCompleted: true})
		}
		ids, err := s.clientIDs(ctx)
		if err != nil {
			return nil, err
		}
		if err := s.Load(ctx, perClient(n.Kind, ids)); err != nil {
			return nil, err
		}
		if n.Kind == Actions {
			return s.ActionsOf(ids)
		}
		return s.MetricsOf(ids)
	case Sessions:
		return c.Sessions(ctx, fetch.SessionsOptions{})
	case Worksheets:
		return c.Worksheets(ctx, fetch.WorksheetsOptions{IncludeOutstanding: true})
	case Activity:
		return c.ActivityStats(ctx, n.ActivityStats)
	case DataFetch:
		return c.DataFetch(ctx, n.DataFetch)
	}
	return nil, fmt.Errorf("%q: %w", n.Kind, ErrUnknownKind)
}

// clientIDs loads the client list (once) and returns every client's ID.
func (s *Set) clientIDs(ctx context.Context) ([]int, error) {
	if err := s.Load(ctx, Of(Clients)); err != nil {
		return nil, err
	}
	cs, err := s.Clients()
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids, nil
}

// get returns the loaded value of n as a T.
func get[T any](s *Set, n Need) (T, error) {
	var zero T
	s.mu.Lock()
	sl, ok := s.slots[n.key()]
	s.mu.Unlock()
	if !ok || !isDone(sl) {
		return zero, fmt.Errorf("%s: %w (the report must declare it in its needs)", describe(n), ErrNotLoaded)
	}
	if sl.err != nil {
		return zero, sl.err
	}
	v, ok := sl.val.(T)
	if !ok {
		return zero, fmt.Errorf("%s: internal type mismatch", describe(n))
	}
	return v, nil
}

// Clients returns every client, inactive ones included.
func (s *Set) Clients() ([]fetch.ClientRecord, error) {
	return get[[]fetch.ClientRecord](s, Need{Kind: Clients})
}

// Coaches returns every coach, inactive ones included.
func (s *Set) Coaches() ([]fetch.Coach, error) { return get[[]fetch.Coach](s, Need{Kind: Coaches}) }

// Companies returns every company, inactive ones included.
func (s *Set) Companies() ([]fetch.Company, error) {
	return get[[]fetch.Company](s, Need{Kind: Companies})
}

// Invoices returns every invoice.
func (s *Set) Invoices() ([]fetch.Invoice, error) {
	return get[[]fetch.Invoice](s, Need{Kind: Invoices})
}

// Payments returns every payment across all invoices.
func (s *Set) Payments() ([]fetch.Payment, error) {
	return get[[]fetch.Payment](s, Need{Kind: Payments})
}

// Engagements returns every engagement with its appointments.
func (s *Set) Engagements() ([]fetch.Engagement, error) {
	return get[[]fetch.Engagement](s, Need{Kind: Engagements})
}

// Appointments returns every appointment, pending and canceled included.
func (s *Set) Appointments() ([]fetch.Appointment, error) {
	return get[[]fetch.Appointment](s, Need{Kind: Appointments})
}

// Pairings returns every pairing period, past and present.
func (s *Set) Pairings() ([]fetch.Pairing, error) {
	return get[[]fetch.Pairing](s, Need{Kind: Pairings})
}

// Actions returns every client's actions, in ascending client ID order.
func (s *Set) Actions() ([]fetch.Action, error) { return get[[]fetch.Action](s, Need{Kind: Actions}) }

// Metrics returns every client's metrics (completed ones included), in
// ascending client ID order.
func (s *Set) Metrics() ([]fetch.Metric, error) { return get[[]fetch.Metric](s, Need{Kind: Metrics}) }

// ActionsOf returns the actions of the clients ids, in ascending client ID
// order (each client's in API order); every one of them must have been
// loaded (NeedActionsOf, or the whole list).
func (s *Set) ActionsOf(ids []int) ([]fetch.Action, error) {
	return ofClients[fetch.Action](s, Actions, ids)
}

// MetricsOf is ActionsOf for metrics.
func (s *Set) MetricsOf(ids []int) ([]fetch.Metric, error) {
	return ofClients[fetch.Metric](s, Metrics, ids)
}

func ofClients[R any](s *Set, k Kind, ids []int) ([]R, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var out []R
	for _, id := range ids {
		if id == 0 {
			continue
		}
		rs, err := get[[]R](s, Need{Kind: k, ClientID: id})
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// Sessions returns every completed session note (no drafts).
func (s *Set) Sessions() ([]fetch.Session, error) {
	return get[[]fetch.Session](s, Need{Kind: Sessions})
}

// Worksheets returns every worksheet, outstanding ones included, without
// their HTML content.
func (s *Set) Worksheets() ([]fetch.Worksheet, error) {
	return get[[]fetch.Worksheet](s, Need{Kind: Worksheets})
}

// ActivityStats returns the result of the activity stats call with o.
func (s *Set) ActivityStats(o fetch.ActivityStatsOptions) (*fetch.ActivityStats, error) {
	return get[*fetch.ActivityStats](s, NeedActivityStats(o))
}

// DataFetch returns the result of the data fetch call with o.
func (s *Set) DataFetch(o fetch.DataFetchOptions) (*fetch.DataFetch, error) {
	return get[*fetch.DataFetch](s, NeedDataFetch(o))
}

// Fetch returns a new Set over c with needs loaded, its data time
// fetchedAt: for a report package's own Fetch (tests, examples and
// benchmarks that build a report without the command).
func Fetch(ctx context.Context, c *fetch.Client, fetchedAt time.Time, needs []Need) (*Set, error) {
	s, err := New(c, Options{FetchedAt: fetchedAt})
	if err != nil {
		return nil, err
	}
	if err := s.Load(ctx, needs); err != nil {
		return nil, err
	}
	return s, nil
}

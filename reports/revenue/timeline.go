package revenue

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/shopspring/decimal"
)

// timeline answers "outstanding and credit of one currency at t" for any t
// in O(log n): the change points of every invoice's balance, sorted by time,
// with running totals. An invoice's balance is zero until its date, then
// max(0, amount - paid) and its credit max(0, paid - amount), changing only
// at its date and its payment times.
type timeline struct {
	times  []time.Time
	out    []decimal.Decimal // outstanding after the changes up to times[i]
	credit []decimal.Decimal // credit after the changes up to times[i]
}

type balanceChange struct {
	t           time.Time
	at          int64 // t.UnixNano(), the sort key
	dOut, dCred decimal.Decimal
}

// newTimeline builds the timeline of the entries idx of b.
func newTimeline(b *book, idx []int) *timeline {
	var changes []balanceChange
	var pays []int
	for _, i := range idx {
		e := &b.entries[i]
		inv := e.inv
		pays = pays[:0]
		for j := range inv.Payments {
			pays = append(pays, j)
		}
		slices.SortFunc(pays, func(x, y int) int { return inv.Payments[x].DatePaid.Compare(inv.Payments[y].DatePaid) })
		var paid, prevOut, prevCred decimal.Decimal
		dated := false
		// Walk the change points in time order; the invoice date counts
		// before a payment at the same instant (both land in the same slot).
		emit := func(t time.Time) {
			out, cred := decimal.Zero, decimal.Zero
			if dated {
				if bal := inv.Amount.Sub(paid); bal.IsNegative() {
					cred = bal.Neg()
				} else {
					out = bal
				}
			}
			dOut, dCred := out.Sub(prevOut), cred.Sub(prevCred)
			if !dOut.IsZero() || !dCred.IsZero() {
				changes = append(changes, balanceChange{t: t, at: t.UnixNano(), dOut: dOut, dCred: dCred})
			}
			prevOut, prevCred = out, cred
		}
		k := 0
		for k < len(pays) && inv.Payments[pays[k]].DatePaid.Before(inv.DateOf) {
			paid = paid.Add(inv.Payments[pays[k]].Amount)
			k++
		}
		dated = true
		emit(inv.DateOf)
		for ; k < len(pays); k++ {
			p := &inv.Payments[pays[k]]
			paid = paid.Add(p.Amount)
			emit(p.DatePaid)
		}
	}
	// Changes at one instant add up in any order.
	slices.SortFunc(changes, func(x, y balanceChange) int { return cmp.Compare(x.at, y.at) })
	tl := &timeline{times: make([]time.Time, len(changes)), out: make([]decimal.Decimal, len(changes)),
		credit: make([]decimal.Decimal, len(changes))}
	var out, cred decimal.Decimal
	for i, c := range changes {
		out, cred = out.Add(c.dOut), cred.Add(c.dCred)
		tl.times[i], tl.out[i], tl.credit[i] = c.t, out, cred
	}
	return tl
}

// at returns outstanding and credit at t: after every change strictly
// before t.
func (tl *timeline) at(t time.Time) (out, credit decimal.Decimal) {
	n := sort.Search(len(tl.times), func(i int) bool { return !tl.times[i].Before(t) })
	if n == 0 {
		return decimal.Zero, decimal.Zero
	}
	return tl.out[n-1], tl.credit[n-1]
}

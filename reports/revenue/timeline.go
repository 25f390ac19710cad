package revenue

import (
	"cmp"
	"slices"
	"sort"
)

// timeline answers "outstanding, credit and prepaid of one currency at t"
// for any t in O(log n): the change points of every invoice's balance,
// sorted by time, with running totals (units of the currency's ledger).
// Before its date an invoice holds what was paid for it as prepaid (never
// negative); from its date on, its balance is max(0, amount - paid) and its
// credit max(0, paid - amount). Balances change only at invoice dates and
// payment times.
type timeline struct {
	times  []int64 // Unix nanoseconds
	totals []balance
}

// balance is outstanding, credit and prepaid together.
type balance struct{ out, credit, prepaid int64 }

type balanceChange struct {
	at int64
	d  balance
}

// newTimeline builds the timeline of the entries idx of b.
func newTimeline(b *book, idx []int32) *timeline {
	changes := make([]balanceChange, 0, 2*len(idx))
	for _, i := range idx {
		e := &b.entries[i]
		var paid int64
		var prev balance
		dated := false
		// Walk the change points in time order; the invoice date counts
		// before a payment at the same instant (both land in the same slot).
		emit := func(t int64) {
			var cur balance
			switch bal := e.amount - paid; {
			case !dated:
				cur.prepaid = max(0, paid)
			case bal < 0:
				cur.credit = -bal
			default:
				cur.out = bal
			}
			if cur != prev {
				changes = append(changes, balanceChange{at: t, d: balance{cur.out - prev.out,
					cur.credit - prev.credit, cur.prepaid - prev.prepaid}})
			}
			prev = cur
		}
		k := 0
		for ; k < len(e.pays) && e.pays[k].t < e.date; k++ {
			paid += e.pays[k].amt
			emit(e.pays[k].t)
		}
		dated = true
		emit(e.date)
		for ; k < len(e.pays); k++ {
			paid += e.pays[k].amt
			emit(e.pays[k].t)
		}
	}
	// Changes at one instant add up in any order.
	slices.SortFunc(changes, func(x, y balanceChange) int { return cmp.Compare(x.at, y.at) })
	tl := &timeline{times: make([]int64, len(changes)), totals: make([]balance, len(changes))}
	var run balance
	for i, c := range changes {
		run.out, run.credit, run.prepaid = run.out+c.d.out, run.credit+c.d.credit, run.prepaid+c.d.prepaid
		tl.times[i], tl.totals[i] = c.at, run
	}
	return tl
}

// at returns outstanding, credit and prepaid at t: after every change
// strictly before t.
func (tl *timeline) at(t int64) (out, credit, prepaid int64) {
	n := sort.Search(len(tl.times), func(i int) bool { return tl.times[i] >= t })
	if n == 0 {
		return 0, 0, 0
	}
	b := tl.totals[n-1]
	return b.out, b.credit, b.prepaid
}

package revenue

import "sort"

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

// state is an invoice's balance once paid has been paid for it, before
// (dated false) or from its date.
func state(amount, paid int64, dated bool) balance {
	switch bal := amount - paid; {
	case !dated:
		return balance{prepaid: max(0, paid)}
	case bal < 0:
		return balance{credit: -bal}
	default:
		return balance{out: bal}
	}
}

// newTimeline builds the timeline of ledger l of b by merging its invoice
// dates and its payments, both already in time order; at one instant the
// invoice dates count before the payments (so a payment at the very start
// of an invoice's date is a payment of the dated invoice).
func newTimeline(b *book, l *ledger) *timeline {
	n := len(l.idx)
	paid := make([]int64, n)
	dated := make([]bool, n)
	tl := &timeline{times: make([]int64, 0, n+len(l.pays)), totals: make([]balance, 0, n+len(l.pays))}
	var run balance
	i, j := 0, 0
	for i < n || j < len(l.pays) {
		var k int32
		var t int64
		var before, after balance
		if j == len(l.pays) || (i < n && l.dates[i] <= l.pays[j].t) {
			k, t = int32(i), l.dates[i]
			amt := b.entries[l.idx[k]].amount
			before = state(amt, paid[k], false)
			dated[k] = true
			after = state(amt, paid[k], true)
			i++
		} else {
			p := &l.pays[j]
			e := &b.entries[p.e]
			k, t = e.local, p.t
			before = state(e.amount, paid[k], dated[k])
			paid[k] += p.amt
			after = state(e.amount, paid[k], dated[k])
			j++
		}
		if before == after {
			continue
		}
		run = balance{run.out + after.out - before.out, run.credit + after.credit - before.credit,
			run.prepaid + after.prepaid - before.prepaid}
		tl.times = append(tl.times, t)
		tl.totals = append(tl.totals, run)
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

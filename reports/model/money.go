package model

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// CurrencyDigits returns the number of minor-unit digits of an ISO 4217
// currency code: 0 for JPY, KRW and the like, 3 for BHD, KWD, ..., 4 for
// CLF and UYW, and 2 for every other code, known or not.
func CurrencyDigits(code string) int32 {
	switch strings.ToUpper(code) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
		"UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	case "CLF", "UYW":
		return 4
	}
	return 2
}

// ErrCurrencyMismatch is returned (wrapped) when two amounts of different
// currencies would be combined.
var ErrCurrencyMismatch = errors.New("currency mismatch")

// Money is an exact amount in one ISO 4217 currency. The zero Money has no
// currency and adopts the currency of the first amount added to it.
type Money struct {
	Currency string
	Amount   decimal.Decimal
}

// NewMoney returns amount in currency.
func NewMoney(currency string, amount decimal.Decimal) Money {
	return Money{Currency: currency, Amount: amount}
}

// MoneyFromMinor returns units of the currency's minor unit, e.g. cents:
// MoneyFromMinor("USD", 1234) is 12.34 USD.
func MoneyFromMinor(currency string, units int64) Money {
	return Money{Currency: currency, Amount: decimal.New(units, -CurrencyDigits(currency))}
}

// Add returns m + o. It returns ErrCurrencyMismatch if both have a currency
// and they differ; it never converts.
func (m Money) Add(o Money) (Money, error) {
	switch {
	case m.Currency == "":
		return Money{Currency: o.Currency, Amount: m.Amount.Add(o.Amount)}, nil
	case o.Currency == "" || o.Currency == m.Currency:
		return Money{Currency: m.Currency, Amount: m.Amount.Add(o.Amount)}, nil
	}
	return m, fmt.Errorf("add %s to %s: %w", o.Currency, m.Currency, ErrCurrencyMismatch)
}

// Sub returns m - o, with the same currency rule as Add.
func (m Money) Sub(o Money) (Money, error) {
	return m.Add(Money{Currency: o.Currency, Amount: o.Amount.Neg()})
}

// Value returns m's amount as a cell value for a Money column in m.Currency.
func (m Money) Value() Value { return MoneyDecimal(m.Amount) }

// String formats m with its currency's digits, e.g. "1234.50 USD".
func (m Money) String() string {
	s := m.Amount.StringFixed(CurrencyDigits(m.Currency))
	if m.Currency == "" {
		return s
	}
	return s + " " + m.Currency
}

// MoneyByCurrency holds one sum per currency, keyed by ISO 4217 code. Amounts
// are only ever added to their own currency's bucket. The zero value (nil)
// is ready to use through its pointer methods.
type MoneyByCurrency map[string]decimal.Decimal

// Add adds amount to currency's bucket.
func (m *MoneyByCurrency) Add(currency string, amount decimal.Decimal) {
	if *m == nil {
		*m = make(MoneyByCurrency)
	}
	(*m)[currency] = (*m)[currency].Add(amount)
}

// AddMoney adds x to its currency's bucket.
func (m *MoneyByCurrency) AddMoney(x Money) { m.Add(x.Currency, x.Amount) }

// Merge adds every bucket of o to m.
func (m *MoneyByCurrency) Merge(o MoneyByCurrency) {
	for c, a := range o {
		m.Add(c, a)
	}
}

// Get returns currency's sum (zero if absent).
func (m MoneyByCurrency) Get(currency string) Money {
	return Money{Currency: currency, Amount: m[currency]}
}

// Currencies returns the currency codes in ascending order.
func (m MoneyByCurrency) Currencies() []string {
	out := make([]string, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// All yields every sum in ascending currency order.
func (m MoneyByCurrency) All() iter.Seq[Money] {
	return func(yield func(Money) bool) {
		for _, c := range m.Currencies() {
			if !yield(m.Get(c)) {
				return
			}
		}
	}
}

// String formats the sums in currency order, e.g. "5.00 EUR, 12.34 USD".
func (m MoneyByCurrency) String() string {
	parts := make([]string, 0, len(m))
	for x := range m.All() {
		parts = append(parts, x.String())
	}
	return strings.Join(parts, ", ")
}

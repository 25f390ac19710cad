package model

import "strconv"

// Count returns n and the noun in the right number: Count(1, "invoice",
// "invoices") is "1 invoice", Count(3, ...) "3 invoices", Count(0, ...) "0
// invoices". Reports use it for every counted label, never "1 invoices".
func Count(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

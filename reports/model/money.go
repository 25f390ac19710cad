package model

import "strings"

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

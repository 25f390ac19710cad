package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/careport/careport/fetch/apicode"
)

// Classes of API failure for errors.Is. An *APIError matches the class its
// code belongs to, so callers never compare codes or messages:
//
//	if errors.Is(err, fetch.ErrNotFound) { ... }
var (
	// ErrCredentials matches API errors 101-106: the credentials or the
	// account were refused, and no later call of the same run can succeed.
	ErrCredentials = errors.New("credentials or account refused")
	// ErrNotFound matches API errors 302 and 311: an ID refers to nothing.
	ErrNotFound = errors.New("no such record")
	// ErrFunction matches API errors 201 and 202: no or an unknown function name.
	ErrFunction = errors.New("no such API function")
	// ErrInput matches the caller-input errors 301-322 other than 302 and 311.
	ErrInput = errors.New("invalid input")
)

// APIError is a failure reported by the API inside its envelope (error > 0).
// API errors are never retried. Message is the server's sentence with the API
// key removed and control characters turned into spaces; never match on it,
// use errors.Is with the Err* classes or a *APIError holding the wanted Code.
type APIError struct {
	Function string       // the API function called, e.g. "Client.get"
	Code     apicode.Code // the envelope's error code
	Message  string       // the envelope's message
}

// Error names the function, the code and what to do when the code is fatal.
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: API error %s", e.Function, e.Code)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if h := e.hint(); h != "" {
		s += " (" + h + ")"
	}
	return s
}

func (e *APIError) hint() string {
	switch e.Code {
	case apicode.APIIDMissing, apicode.APIKeyMissing, apicode.APIIDUnknown, apicode.APIKeyWrong:
		return "check CA_API_ID and CA_API_KEY against the API settings page of the CoachAccountable account"
	case apicode.AccountInactive:
		return "reactivate the CoachAccountable account"
	case apicode.APIDisabled:
		return "enable API access in the CoachAccountable account's Settings"
	}
	return ""
}

// IsFatal reports whether the error concerns the credentials or the account
// (101-106), so that no later call of the same run can succeed.
func (e *APIError) IsFatal() bool { return e.Code.IsCredentials() }

// Is reports whether target is the class of e's code (ErrCredentials,
// ErrNotFound, ErrFunction, ErrInput) or an *APIError with the same Code and,
// when target's Function is set, the same Function.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrCredentials:
		return e.Code.IsCredentials()
	case ErrNotFound:
		return e.Code.IsNotFound()
	case ErrFunction:
		return e.Code.IsProgramming()
	case ErrInput:
		return e.Code >= 300 && e.Code < 400 && !e.Code.IsNotFound()
	}
	var t *APIError
	if errors.As(target, &t) && t != nil {
		return t.Code == e.Code && (t.Function == "" || t.Function == e.Function)
	}
	return false
}

// CallError reports a call that was given up after Attempts transport
// failures (connection errors, timeouts, HTTP 429/5xx, unreadable bodies).
// It unwraps to the last failure.
type CallError struct {
	Function string
	Attempts int
	Last     error
}

// Error names the function, the number of attempts and the last cause.
func (e *CallError) Error() string {
	last := e.Last.Error()
	if rest, ok := strings.CutPrefix(last, e.Function+": "); ok {
		last = rest // the cause named the function already
	}
	if e.Attempts == 1 {
		return fmt.Sprintf("%s: %s", e.Function, last)
	}
	return fmt.Sprintf("%s: gave up after %d attempts: %s", e.Function, e.Attempts, last)
}

// Unwrap returns the last failure.
func (e *CallError) Unwrap() error { return e.Last }

// HTTPError is a response with a status other than 200. Its Error adds a
// hint for 404: the URL is not the API endpoint.
type HTTPError struct {
	StatusCode int
	Status     string
	// Snippet is a short excerpt of the body, for diagnosis: the API key
	// removed, HTML tags and runs of white space dropped, at most 160
	// characters.
	Snippet string
}

// Error names the status.
func (e *HTTPError) Error() string {
	s := "HTTP " + e.Status
	if e.Status == "" {
		s = fmt.Sprintf("HTTP %d", e.StatusCode)
	}
	if e.Snippet != "" {
		s += ": " + e.Snippet
	}
	if e.StatusCode == http.StatusNotFound {
		s += " (no API at this URL: the endpoint ends in /API/, e.g. " + DefaultBaseURL + ")"
	}
	return s
}

// DecodeError reports a response body that is not a valid envelope or whose
// records cannot be read. Over HTTP an unreadable envelope is retried (it is
// usually a truncated transfer); a record that cannot be decoded is not.
type DecodeError struct {
	Function string
	Err      error
}

// Error names the function and the cause.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: decode response: %v", e.Function, e.Err)
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// CSVError is a malformed CSV text returned by a CSV call: a ragged row, a
// non-integer ClientID, a non-numeric cell or a missing required column. No
// partial table is returned with it. Line is 1-based (the header is line 1,
// or later when fields contain newlines); Column is the header name, or ""
// when the whole row or header is at fault.
type CSVError struct {
	Function string
	Line     int
	Column   string
	Err      error
}

// Error names the call, the line and the column.
func (e *CSVError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("%s: CSV line %d, column %q: %v", e.Function, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s: CSV line %d: %v", e.Function, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *CSVError) Unwrap() error { return e.Err }

// NotAPIError is returned when the server answered with an HTML page rather
// than the API's JSON envelope: the base URL is not the API endpoint (or a
// proxy or login page is in the way). It is not retried.
type NotAPIError struct {
	Function string
	Excerpt  string // the page's text, cut short, tags removed
}

func (e *NotAPIError) Error() string {
	msg := "the server answered with a web page, not the API's JSON; --api-url must be the API endpoint, which ends in /API/"
	if e.Excerpt != "" {
		msg += " (the page says: " + e.Excerpt + ")"
	}
	return msg
}

package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/careport/careport/fetch/apicode"
)

// Envelope is a decoded API response (section 1.5 of the API reference).
type Envelope struct {
	Status string // "success" or "failure"
	Result string // e.g. "loaded", "empty", "added"
	// Return is the function's output as received: an array, object, string
	// or null (nil when the field was missing).
	Return   json.RawMessage
	Error    apicode.Code // 0 on success
	Message  string
	Timezone string // the account zone; only on success
}

// DecodeEnvelope reads a response body. It is tolerant of the encodings of
// section 1.8 (error as a number or a numeric string, strings as null) and
// strict about the shape: the body must be one JSON object with a status or
// an error field. It never panics.
func DecodeEnvelope(body []byte) (*Envelope, error) {
	return streamEnvelope(context.Background(), bytes.NewReader(body), int64(len(body)), nil)
}

// emptyReturn reports whether raw is one of the empty returns of section
// 1.7: missing, null, "", [] or {}.
func emptyReturn(raw []byte) bool {
	t := bytes.TrimSpace(raw)
	switch string(t) {
	case "", "null", `""`, "[]", "{}":
		return true
	}
	if len(t) > 1 && (t[0] == '[' || t[0] == '{') {
		// "[ ]", "{ \n }"
		inner := bytes.TrimSpace(t[1 : len(t)-1])
		return len(inner) == 0
	}
	return false
}

// returnItems splits a return into its records: an array's elements; an
// object whose keys are all integers (a PHP array with gaps) as its values in
// key order; any other object as one record; the empty returns as none.
func returnItems(raw json.RawMessage) ([]json.RawMessage, error) {
	if emptyReturn(raw) {
		return nil, nil
	}
	t := bytes.TrimSpace(raw)
	switch t[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(t, &items); err != nil {
			return nil, fmt.Errorf("return: %w", err)
		}
		return items, nil
	case '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(t, &m); err != nil {
			return nil, fmt.Errorf("return: %w", err)
		}
		keys := make([]int, 0, len(m))
		for k := range m {
			n, err := strconv.Atoi(k)
			if err != nil {
				return []json.RawMessage{t}, nil
			}
			keys = append(keys, n)
		}
		sort.Ints(keys)
		items := make([]json.RawMessage, len(keys))
		for i, k := range keys {
			items[i] = m[strconv.Itoa(k)]
		}
		return items, nil
	}
	return nil, fmt.Errorf("return: got %.20s, want an array or object", t)
}

// decodeList decodes every record of a return into W.
func decodeList[W any](raw json.RawMessage) ([]W, error) {
	items, err := returnItems(raw)
	if err != nil {
		return nil, err
	}
	out := make([]W, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it, &out[i]); err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
	}
	return out, nil
}

// decodeOne decodes the single record of a single-item get, sent as an
// object or a one-element array.
func decodeOne[W any](raw json.RawMessage) (W, error) {
	var zero W
	items, err := decodeList[W](raw)
	if err != nil {
		return zero, err
	}
	if len(items) != 1 {
		return zero, fmt.Errorf("return: got %d records, want 1", len(items))
	}
	return items[0], nil
}

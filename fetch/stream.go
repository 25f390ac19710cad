package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/careport/careport/fetch/apicode"
	"github.com/go-json-experiment/json/jsontext"
)

// Response bodies are decoded in one streaming pass with jsontext (from
// github.com/go-json-experiment/json, the implementation behind Go's
// encoding/json/v2): names and scalars are read as raw values and
// dispatched by hand, each record converted and checked as it arrives.
// Chosen by measurement on the large account's Invoice.getAll body (52 MB,
// 95,120 invoices; 2 shared cores, other work running), each decoder
// reading into the same tolerant field types (numbers as strings, "" and
// null as absent, {} / "" / [] as empty lists), whole body at once:
//
//	encoding/json (the old path)      16 MB/s
//	github.com/goccy/go-json v0.12.0  34 MB/s
//	github.com/segmentio/encoding     50 MB/s
//	github.com/bytedance/sonic        51-60 MB/s
//	jsontext, every token, no work   358 MB/s (the floor)
//	this decoder, streaming          110-185 MB/s (BenchmarkDecodeInvoices; 170-185 when the machine is quiet)
//
// The reflection-based decoders lose their speed to the per-field
// UnmarshalJSON calls that PHP's tolerance needs, and none of them streams
// the records of one array (sonic and goccy read the whole value first;
// sonic also needs a JIT and unsafe code per Go release). jsontext is pure
// Go, checks syntax and UTF-8 in the same pass, reads from an io.Reader
// through a small buffer (so memory follows the records kept, not the
// body) and is maintained by the Go team.

// decodeOptions: PHP never sends duplicate names, and tracking them costs a
// third of the decode time; the last one wins, as with encoding/json.
var decodeOptions = jsontext.AllowDuplicateNames(true)

// ctxCheckEvery is how many records are decoded between checks of the
// context, so that a cancelled run stops decoding a large body at once.
const ctxCheckEvery = 256

// recordFunc decodes one record of a return from d (positioned at its
// first token). It must consume exactly one value. total is the length of
// the whole body when known (else -1), so that with d.InputOffset the
// caller can foresee how many records are coming.
type recordFunc func(d *jsontext.Decoder, total int64) error

// streamEnvelope reads one envelope from r. With each set, every record of
// the return (an array's elements, the values of an object with integer
// keys in key order, or any other object as one record) is passed to each
// as it is read and Envelope.Return stays nil; with each nil, the return is
// kept raw in Envelope.Return. It is as tolerant and as strict as
// DecodeEnvelope. Errors from each are returned as they are; syntax errors
// are *jsontext.SyntacticError or wrap io.ErrUnexpectedEOF.
func streamEnvelope(ctx context.Context, r io.Reader, total int64, each recordFunc) (*Envelope, error) {
	r, err := skipBOM(r)
	if err != nil {
		return nil, err
	}
	d := jsontext.NewDecoder(r, decodeOptions)
	if k := d.PeekKind(); k != '{' {
		if _, err := d.ReadToken(); err != nil {
			return nil, fmt.Errorf("envelope: %w", err)
		}
		return nil, errors.New("envelope: body is not a JSON object")
	}
	if _, err := d.ReadToken(); err != nil {
		return nil, fmt.Errorf("envelope: %w", err)
	}
	var (
		env               Envelope
		hasStatus, hasErr bool
		code              flexInt
		s                 flexString
	)
	for d.PeekKind() != '}' {
		v, err := d.ReadValue()
		if err != nil {
			return nil, fmt.Errorf("envelope: %w", err)
		}
		name := string(v) // v is only valid until the next read
		switch name {
		case `"status"`:
			hasStatus = true
			err = readScalar(d, s.set)
			env.Status = string(s)
		case `"result"`:
			err = readScalar(d, s.set)
			env.Result = string(s)
		case `"message"`:
			err = readScalar(d, s.set)
			env.Message = string(s)
		case `"timezone"`:
			err = readScalar(d, s.set)
			env.Timezone = string(s)
		case `"error"`:
			hasErr = true
			err = readScalar(d, code.set)
			env.Error = apicode.Code(code)
		case `"return"`:
			if each == nil {
				var v jsontext.Value
				v, err = d.ReadValue()
				env.Return = bytes.Clone(v)
			} else {
				err = readReturn(ctx, d, total, each)
			}
		default:
			err = d.SkipValue()
		}
		if err != nil {
			if _, ok := errors.AsType[*RecordError](err); ok {
				return nil, err
			}
			return nil, fmt.Errorf("envelope: %s: %w", name, err)
		}
	}
	if _, err := d.ReadToken(); err != nil {
		return nil, fmt.Errorf("envelope: %w", err)
	}
	if _, err := d.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("trailing data after the JSON object")
		}
		return nil, fmt.Errorf("envelope: %w", err)
	}
	if !hasStatus && !hasErr {
		return nil, errors.New("envelope: neither status nor error present")
	}
	if env.Error == 0 && env.Status == "failure" {
		return nil, errors.New("envelope: status failure with error 0")
	}
	if env.Error < 0 {
		return nil, fmt.Errorf("envelope: negative error code %d", env.Error)
	}
	return &env, nil
}

// skipBOM drops a leading UTF-8 byte order mark.
func skipBOM(r io.Reader) (io.Reader, error) {
	var b [3]byte
	n, err := io.ReadFull(r, b[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	if n == 3 && string(b[:]) == "\xef\xbb\xbf" {
		return r, nil
	}
	return io.MultiReader(bytes.NewReader(b[:n]), r), nil
}

// readReturn passes every record of a return to each (see streamEnvelope).
func readReturn(ctx context.Context, d *jsontext.Decoder, total int64, each recordFunc) error {
	return walkList(d, "return: ", func(i int, d *jsontext.Decoder, inline bool) error {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t := total
		if !inline {
			t = -1 // an item split from its raw text: the body length says nothing
		}
		if err := each(d, t); err != nil {
			return recordErr(i, err)
		}
		return nil
	})
}

// recordErr names the position of a record that could not be decoded;
// syntax errors and the context's errors pass unchanged.
func recordErr(i int, err error) error {
	if _, ok := errors.AsType[*jsontext.SyntacticError](err); ok {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if _, ok := errors.AsType[*RecordError](err); ok {
		return err
	}
	return &recordDecodeError{index: i, err: err}
}

// recordDecodeError is a record whose value could not be read (a field of
// the wrong type); unlike a syntax error it is not retried.
type recordDecodeError struct {
	index int
	err   error
}

func (e *recordDecodeError) Error() string { return fmt.Sprintf("record %d: %v", e.index, e.err) }
func (e *recordDecodeError) Unwrap() error { return e.err }

// readScalar reads one value and passes it to set, raw (quoted strings
// included); objects and arrays are refused.
func readScalar(d *jsontext.Decoder, set func([]byte) error) error {
	v, err := d.ReadValue()
	if err != nil {
		return err
	}
	return set(v)
}

// errUnknownField is what a readObject field function returns, without
// consuming the value, for a name it does not know.
var errUnknownField = errors.New("unknown field")

// readObject calls field for every name of the object at d, with the name
// unquoted; field must consume the value, or return errUnknownField
// without consuming it, and must not keep name. null, "", [] and {} read
// as an empty object.
func readObject(d *jsontext.Decoder, field func(name []byte, d *jsontext.Decoder) error) error {
	switch d.PeekKind() {
	case '{':
	case '[', 'n', '"':
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		if !emptyReturn(v) {
			return fmt.Errorf("got %.20s, want an object", v)
		}
		return nil
	default:
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		return fmt.Errorf("got %.20s, want an object", v)
	}
	if _, err := d.ReadToken(); err != nil {
		return err
	}
	var keyBuf [64]byte
	for d.PeekKind() != '}' {
		name, err := d.ReadValue()
		if err != nil {
			return err
		}
		// Names are matched as sent; only an unknown one is unescaped
		// (PHP escapes no letter, so this is rare) and tried again.
		n := []byte(name[1 : len(name)-1])
		// n is only valid until the next read; keep a copy for errors.
		key := append(keyBuf[:0], n...)
		err = field(n, d)
		if err == errUnknownField && hasBackslash(key) {
			var u []byte
			if u, err = jsontext.AppendUnquote(nil, append([]byte{'"'}, append(key, '"')...)); err == nil {
				key = u
				err = field(u, d)
			}
		}
		if err == errUnknownField {
			err = d.SkipValue()
		}
		if err != nil {
			return fmt.Errorf("%s: %w", string(key), err)
		}
	}
	_, err := d.ReadToken()
	return err
}

// readList calls item for every element of the list at d (see walkList).
func readList(d *jsontext.Decoder, item func(d *jsontext.Decoder) error) error {
	return walkList(d, "", func(i int, d *jsontext.Decoder, _ bool) error {
		if err := item(d); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		return nil
	})
}

// walkList calls item with the 1-based position of every element of the
// list at d: an array's elements read in place from d (inline true), an
// object with integer keys as its values in key order and any other object
// as one element, each split from its raw text (inline false; rare shapes,
// a bare object or a PHP array with gaps), and none for null, "", [] or {}
// (the PHP encodings of section 1.8). what prefixes the error for a value
// that is no list.
func walkList(d *jsontext.Decoder, what string, item func(i int, d *jsontext.Decoder, inline bool) error) error {
	switch d.PeekKind() {
	case '[':
		if _, err := d.ReadToken(); err != nil {
			return err
		}
		for i := 1; d.PeekKind() != ']'; i++ {
			if err := item(i, d, true); err != nil {
				return err
			}
		}
		_, err := d.ReadToken()
		return err
	case '{':
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		items, err := returnItems(bytes.Clone(v))
		if err != nil {
			return err
		}
		for i, it := range items {
			if err := item(i+1, jsontext.NewDecoder(bytes.NewReader(it), decodeOptions), false); err != nil {
				return err
			}
		}
		return nil
	}
	v, err := d.ReadValue()
	if err != nil {
		return err
	}
	if !emptyReturn(v) {
		if what != "" {
			return fmt.Errorf("%sgot %.20s, want an array or object", what, v)
		}
		return fmt.Errorf("got %.20s, want a list", v)
	}
	return nil
}

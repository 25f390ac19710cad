package jobfile

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// scalar returns the text of a scalar as written (quotes removed), and
// false for a mapping, list or null.
func scalar(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	return "", false
}

// str is a text value: any scalar, taken as written ("2026" is text).
func (d *decoder) str(n ast.Node, what string) (string, bool) {
	s, ok := scalar(n)
	if !ok {
		d.errorf(n, "%s must be text, not %s", what, describe(n))
	}
	return s, ok
}

// integer is a whole number in [lo, hi].
func (d *decoder) integer(n ast.Node, what string, lo, hi int64) (int64, bool) {
	v, ok := n.(*ast.IntegerNode)
	if ok {
		var i int64
		switch x := v.Value.(type) {
		case int64:
			i = x
		case uint64:
			if x > uint64(hi) {
				ok = false
			}
			i = int64(x)
		default:
			ok = false
		}
		if ok && i >= lo && i <= hi {
			return i, true
		}
		if ok {
			d.errorf(n, "%s must be from %d to %d, not %d", what, lo, hi, i)
			return 0, false
		}
	}
	d.errorf(n, "%s must be a whole number from %d to %d, not %s", what, lo, hi, describe(n))
	return 0, false
}

// boolean is true or false.
func (d *decoder) boolean(n ast.Node, what string) (bool, bool) {
	if v, ok := n.(*ast.BoolNode); ok {
		return v.Value, true
	}
	d.errorf(n, "%s must be true or false, not %s", what, describe(n))
	return false, false
}

// duration is a positive Go duration ("30s", "2m").
func (d *decoder) duration(n ast.Node, what string) (time.Duration, bool) {
	if _, isInt := n.(*ast.IntegerNode); isInt {
		d.errorf(n, `%s needs a unit, as in "%ss"`, what, n.GetToken().Value)
		return 0, false
	}
	s, ok := scalar(n)
	if !ok {
		d.errorf(n, `%s must be a duration such as "30s" or "2m", not %s`, what, describe(n))
		return 0, false
	}
	v, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || v <= 0 {
		d.errorf(n, `%s must be a positive duration such as "30s" or "2m", not %q`, what, s)
		return 0, false
	}
	return v, true
}

// addresses is a list of mail addresses: a YAML list, each item one
// address or several separated by commas, or one such string.
func (d *decoder) addresses(n ast.Node, what string) ([]mail.Address, bool) {
	items := []ast.Node{n}
	if seq, ok := n.(*ast.SequenceNode); ok {
		items = seq.Values
		if len(items) == 0 {
			d.errorf(n, "%s is an empty list: give an address or remove the key", what)
			return nil, false
		}
	}
	var out []mail.Address
	good := true
	for _, it := range items {
		it = d.resolve(it)
		if it == nil {
			good = false
			continue
		}
		s, ok := scalar(it)
		if !ok {
			d.errorf(it, `%s must be addresses ("Name <a@example.com>" or "a@example.com"), not %s`, what, describe(it))
			good = false
			continue
		}
		list, err := mail.ParseAddressList(s)
		if err != nil {
			d.errorf(it, "bad address %q in %s: %s", s, what, strings.TrimPrefix(err.Error(), "mail: "))
			good = false
			continue
		}
		for _, a := range list {
			out = append(out, *a)
		}
	}
	return out, good
}

// strings is a list of scalars, or one scalar. Items are not split at
// commas (a coach's name may hold one).
func (d *decoder) strings(n ast.Node, what string) ([]string, []Pos, bool) {
	items := []ast.Node{n}
	if seq, ok := n.(*ast.SequenceNode); ok {
		items = seq.Values
		if len(items) == 0 {
			d.errorf(n, "%s is an empty list: give a value or remove the key", what)
			return nil, nil, false
		}
	}
	var out []string
	var ps []Pos
	good := true
	for _, it := range items {
		it = d.resolve(it)
		if it == nil {
			good = false
			continue
		}
		s, ok := scalar(it)
		if !ok {
			d.errorf(it, "%s must be a list of values, not of %s", what, describe(it))
			good = false
			continue
		}
		out = append(out, s)
		ps = append(ps, pos(it))
	}
	return out, ps, good
}

// size is a byte count: an integer, or a whole number and a unit ("10MB",
// "500 KB"); units are binary.
func (d *decoder) size(n ast.Node, what string) (int64, bool) {
	s, ok := scalar(n)
	if !ok {
		d.errorf(n, `%s must be a size such as "10MB", not %s`, what, describe(n))
		return 0, false
	}
	v, err := parseSize(s)
	if err != nil {
		d.errorf(n, "%s: %v", what, err)
		return 0, false
	}
	return v, true
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
	{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30},
	{"B", 1},
}

// parseSize parses "10MB", "500 KB", "1048576".
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v <= 0 || t[0] == '+' {
		return 0, fmt.Errorf(`%q is not a size: use a whole number of bytes or of KB, MB or GB, as in "10MB"`, s)
	}
	if v > (1<<62)/mult {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return v * mult, nil
}

package jobfile

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
)

// reports decodes a job's reports list.
func (d *decoder) reports(n ast.Node, where string) []Report {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		if s, isScalar := scalar(n); isScalar {
			d.errorf(n, "reports %s must be a list, as in reports: [%s]", where, s)
		} else {
			d.errorf(n, "reports %s must be a list of reports, not %s", where, describe(n))
		}
		return nil
	}
	if len(seq.Values) == 0 {
		d.errorf(n, "reports %s is an empty list: give at least one report", where)
		return nil
	}
	var out []Report
	for _, it := range seq.Values {
		it = d.resolve(it)
		if it == nil {
			continue
		}
		if r, ok := d.report(it, where); ok {
			out = append(out, r)
		}
	}
	return out
}

// report decodes one item: a name, or a one-key mapping from the name to
// its options.
func (d *decoder) report(n ast.Node, where string) (Report, bool) {
	if s, ok := scalar(n); ok {
		return d.reportName(s, n, where)
	}
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.errorf(n, "a report %s is a name or a name with options, not %s", where, describe(n))
		return Report{}, false
	}
	first := m.Values[0]
	name, ok := d.key(first.Key, where)
	if !ok {
		return Report{}, false
	}
	if len(m.Values) > 1 {
		if _, null := first.Value.(*ast.NullNode); null {
			d.errorf(m.Values[1].Key, "the options of report %q %s must be indented under its name", name, where)
		} else {
			d.errorf(m.Values[1].Key, "each report %s is its own list item: start %q with \"- \"", where, keyText(m.Values[1].Key))
		}
		return Report{}, false
	}
	r, ok := d.reportName(name, first.Key, where)
	if !ok {
		return r, false
	}
	v := d.resolve(first.Value)
	if v == nil {
		return r, true
	}
	switch v := v.(type) {
	case *ast.NullNode:
		return r, true // "- revenue:" is a report without options
	case *ast.MappingNode:
		good := true
		optWhere := fmt.Sprintf("in the options of report %q %s", name, where)
		seen := map[string]Pos{}
		for _, mv := range v.Values {
			key, ok := d.key(mv.Key, optWhere)
			if !ok {
				good = false
				continue
			}
			kp := pos(mv.Key)
			if firstPos, dup := seen[key]; dup {
				d.problemAt(kp, fmt.Sprintf("option %q given twice %s (first at %d:%d)", key, optWhere, firstPos.Line, firstPos.Column))
				good = false
				continue
			}
			seen[key] = kp
			if !validName(key) || key[0] == '-' {
				d.problemAt(kp, fmt.Sprintf("option %q %s must be a flag's name without its dashes, as in stalled-days", key, optWhere))
				good = false
				continue
			}
			if !d.option(&r, key, mv.Value, optWhere) {
				good = false
			}
		}
		return r, good
	default:
		d.errorf(v, "the options of report %q %s must be a mapping of flag names to values, as in {stalled-days: 30}, not %s", name, where, describe(v))
		return r, false
	}
}

// option appends one option's arguments to r.
func (d *decoder) option(r *Report, key string, v ast.Node, where string) bool {
	v = d.resolve(v)
	if v == nil {
		return false
	}
	items := []ast.Node{v}
	if seq, ok := v.(*ast.SequenceNode); ok {
		items = seq.Values
		if len(items) == 0 {
			d.errorf(v, "option %q %s is an empty list", key, where)
			return false
		}
	}
	good := true
	for _, it := range items {
		it = d.resolve(it)
		if it == nil {
			good = false
			continue
		}
		s, ok := scalar(it)
		if !ok {
			if _, null := it.(*ast.NullNode); null {
				d.errorf(it, "option %q %s has no value", key, where)
			} else {
				d.errorf(it, "option %q %s must be a value or a list of values, not %s", key, where, describe(it))
			}
			good = false
			continue
		}
		r.Args = append(r.Args, "--"+key+"="+s)
		r.ArgPos = append(r.ArgPos, pos(it))
	}
	return good
}

func (d *decoder) reportName(s string, n ast.Node, where string) (Report, bool) {
	if !validName(s) || s[0] == '-' {
		d.errorf(n, "report %q %s is not a report name (such as revenue or engagements)", s, where)
		return Report{}, false
	}
	return Report{Name: s, Pos: pos(n)}, true
}

func keyText(k ast.MapKeyNode) string {
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

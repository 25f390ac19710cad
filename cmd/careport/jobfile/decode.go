package jobfile

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Parse parses the jobs file data. path is used only in messages and to
// resolve Out. Every problem found is returned in one *Error.
func Parse(path string, data []byte) (*File, error) {
	d := &decoder{path: path, anchors: map[string]ast.Node{}}
	// Duplicate keys are found by the walk below, so that every one is
	// reported and not only the parser's first.
	af, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			tk := ye.GetToken()
			d.problemAt(Pos{tk.Position.Line, tk.Position.Column}, ye.GetMessage())
		} else {
			d.problemAt(Pos{}, fmt.Sprintf("read YAML: %v", err))
		}
		return nil, d.err()
	}
	f := d.file(af)
	if err := d.err(); err != nil {
		return nil, err
	}
	return f, nil
}

// decoder walks the YAML tree and collects problems.
type decoder struct {
	path     string
	problems []Problem
	anchors  map[string]ast.Node
	tooMany  *Problem // the last problem, once there are maxProblems
}

func (d *decoder) err() error {
	if len(d.problems) == 0 {
		return nil
	}
	sort.SliceStable(d.problems, func(i, j int) bool {
		a, b := d.problems[i].Pos, d.problems[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	if d.tooMany != nil {
		d.problems = append(d.problems, *d.tooMany)
	}
	return &Error{Problems: d.problems}
}

func (d *decoder) problemAt(p Pos, msg string) {
	if d.tooMany != nil {
		return
	}
	if len(d.problems) == maxProblems {
		d.tooMany = &Problem{Path: d.path, Pos: p, Msg: "too many problems; fix these first"}
		return
	}
	d.problems = append(d.problems, Problem{Path: d.path, Pos: p, Msg: msg})
}

func (d *decoder) errorf(n ast.Node, format string, args ...any) {
	d.problemAt(pos(n), fmt.Sprintf(format, args...))
}

// pos is where n starts in the file. A mapping's own token is its first
// colon, so a mapping is placed at its first key.
func pos(n ast.Node) Pos {
	switch v := n.(type) {
	case nil:
		return Pos{}
	case *ast.MappingNode:
		if v.IsFlowStyle && v.Start != nil {
			return tokenPos(v.Start)
		}
		if len(v.Values) > 0 {
			return pos(v.Values[0])
		}
	case *ast.MappingValueNode:
		return pos(v.Key)
	case *ast.LiteralNode:
		return tokenPos(v.Start)
	case *ast.AnchorNode:
		return tokenPos(v.Start)
	}
	if tk := n.GetToken(); tk != nil {
		return Pos{tk.Position.Line, tk.Position.Column}
	}
	return Pos{}
}

func tokenPos(tk *token.Token) Pos {
	if tk == nil {
		return Pos{}
	}
	return Pos{tk.Position.Line, tk.Position.Column}
}

func (d *decoder) file(af *ast.File) *File {
	f := &File{Path: d.path}
	for i, doc := range af.Docs {
		if i == 0 {
			continue
		}
		p := Pos{}
		if doc.Start != nil {
			p = Pos{doc.Start.Position.Line, doc.Start.Position.Column}
		} else {
			p = pos(doc.Body)
		}
		d.problemAt(p, `a jobs file is one YAML document: remove the second "---" and what follows, or move its jobs into the first`)
		break
	}
	var body ast.Node
	if len(af.Docs) > 0 {
		body = af.Docs[0].Body
	}
	d.collectAnchors(body)
	body = d.resolve(body)
	if body == nil {
		d.problemAt(Pos{}, `the file is empty: it needs at least "from" and "jobs"`)
		return f
	}
	m, ok := body.(*ast.MappingNode)
	if !ok {
		if _, null := body.(*ast.NullNode); null {
			d.problemAt(Pos{}, `the file is empty: it needs at least "from" and "jobs"`)
		} else {
			d.errorf(body, "a jobs file is a mapping of keys (smtp, from, admin, out, jobs), not %s", describe(body))
		}
		return f
	}
	out := DefaultOut
	var jobsNode ast.Node
	seen := d.mapping(m, "at the top level", []string{"smtp", "from", "admin", "out", "jobs"}, func(key string, kp Pos, v ast.Node) {
		switch key {
		case "smtp":
			f.SMTP = d.smtp(v)
		case "from":
			if as, ok := d.addresses(v, `"from"`); ok {
				if len(as) != 1 {
					d.errorf(v, `"from" must be one address, not %d`, len(as))
				} else {
					f.From = as[0]
				}
			}
		case "admin":
			f.Admin, _ = d.addresses(v, `"admin"`)
		case "out":
			if s, ok := d.str(v, `"out"`); ok {
				if strings.TrimSpace(s) == "" {
					d.errorf(v, `"out" must name a folder`)
				} else {
					out = s
				}
			}
		case "jobs":
			jobsNode = v
		}
	})
	if _, ok := seen["from"]; !ok {
		d.errorf(m, `the file has no "from": give the sender's address, as in from: Acme Reports <reports@acme.example>`)
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(filepath.Dir(d.path), out)
	}
	f.Out = out
	if jobsNode == nil {
		d.errorf(m, `the file has no "jobs": give a list of at least one job`)
		return f
	}
	f.Jobs = d.jobs(jobsNode, f.Admin)
	return f
}

// collectAnchors records every anchor under n, so that aliases can be
// resolved wherever they are.
func (d *decoder) collectAnchors(n ast.Node) {
	switch v := n.(type) {
	case *ast.AnchorNode:
		if v.Name != nil {
			d.anchors[v.Name.GetToken().Value] = v.Value
		}
		d.collectAnchors(v.Value)
	case *ast.MappingNode:
		for _, mv := range v.Values {
			d.collectAnchors(mv.Value)
		}
	case *ast.MappingValueNode:
		d.collectAnchors(v.Value)
	case *ast.SequenceNode:
		for _, x := range v.Values {
			d.collectAnchors(x)
		}
	case *ast.TagNode:
		d.collectAnchors(v.Value)
	}
}

// resolve unwraps anchors and follows aliases; a tag is a problem (and
// gives nil, so the caller says nothing more).
func (d *decoder) resolve(n ast.Node) ast.Node {
	for depth := 0; depth < 100; depth++ {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil {
				name = v.Value.GetToken().Value
			}
			target, ok := d.anchors[name]
			if !ok {
				d.errorf(v, "alias *%s has no anchor &%s", name, name)
				return nil
			}
			n = target
		case *ast.TagNode:
			d.errorf(v, "YAML tags (%s) are not supported: quote the value instead", v.Start.Value)
			return nil
		case *ast.CommentGroupNode:
			return nil
		default:
			return n
		}
	}
	d.errorf(n, "aliases nested too deeply")
	return nil
}

// mapping walks m's keys: known keys go to fn in file order, once each;
// unknown and duplicate keys are problems. where is "in job \"x\"" and
// the like. It returns the keys seen.
func (d *decoder) mapping(m *ast.MappingNode, where string, known []string, fn func(key string, kp Pos, v ast.Node)) map[string]Pos {
	seen := map[string]Pos{}
	for _, mv := range m.Values {
		key, ok := d.key(mv.Key, where)
		if !ok {
			continue
		}
		kp := pos(mv.Key)
		if first, dup := seen[key]; dup {
			d.problemAt(kp, fmt.Sprintf("key %q given twice %s (first at %d:%d)", key, where, first.Line, first.Column))
			continue
		}
		seen[key] = kp
		if !contains(known, key) {
			if key == "password" && contains(known, "password-env") {
				d.problemAt(kp, `the password never goes in the jobs file: set it in an environment variable and name that with password-env (default CAREPORT_SMTP_PASSWORD)`)
				continue
			}
			d.problemAt(kp, fmt.Sprintf("unknown key %q %s%s", key, where, suggest(key, known)))
			continue
		}
		v := d.resolve(mv.Value)
		if v == nil {
			continue
		}
		if _, null := v.(*ast.NullNode); null {
			d.problemAt(kp, fmt.Sprintf("key %q %s has no value: give one or remove the key", key, where))
			continue
		}
		fn(key, kp, v)
	}
	return seen
}

// key returns a mapping key's text.
func (d *decoder) key(k ast.MapKeyNode, where string) (string, bool) {
	switch v := k.(type) {
	case *ast.MergeKeyNode:
		d.errorf(v, "merge keys (<<) are not supported %s: write the keys out", where)
		return "", false
	case *ast.StringNode:
		return v.Value, true
	case *ast.MappingKeyNode:
		d.errorf(k, "a key %s must be a plain name", where)
		return "", false
	}
	if tk := k.GetToken(); tk != nil {
		return tk.Value, true
	}
	d.errorf(k, "a key %s must be a plain name", where)
	return "", false
}

// describe names n's kind for messages: "a list", "a mapping", "a number".
func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return fmt.Sprintf("the number %s", n.GetToken().Value)
	case *ast.BoolNode:
		return fmt.Sprintf("the boolean %s", n.GetToken().Value)
	case *ast.NullNode:
		return "nothing"
	}
	return fmt.Sprintf("%q", n.GetToken().Value)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

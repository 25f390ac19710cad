package jobfile

import (
	"fmt"
	"strings"
)

// maxProblems is how many problems Parse reports before it gives up.
const maxProblems = 20

// Error is every problem found in a jobs file, in file order.
type Error struct {
	Problems []Problem
}

// Problem is one problem: a sentence about what is wrong at Pos in Path.
// Pos is zero for a problem with the file as a whole.
type Problem struct {
	Path string
	Pos  Pos
	Msg  string
}

// String returns "path:line:col: msg", or "path: msg" without a position.
func (p Problem) String() string {
	if p.Pos.Line == 0 {
		return p.Path + ": " + p.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Pos.Line, p.Pos.Column, p.Msg)
}

// Error returns one "path:line:col: msg" line per problem.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

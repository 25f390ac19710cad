package snapshot_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/careport/careport/fetch/snapshot"
)

// A fetch records into a Writer, which Finish puts in place of the old
// snapshot only when the whole run succeeded; the deferred Abort removes the
// unfinished one on any failure and does nothing after Finish.
func Example() {
	root, err := os.MkdirTemp("", "snapshot-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(root)
	dir := filepath.Join(root, "snap")

	fetch := func(body string) error {
		w, err := snapshot.Create(dir)
		if err != nil {
			return err
		}
		defer w.Abort()
		if err := w.Record("Coach.getAll", url.Values{}, []byte(body)); err != nil {
			return err
		}
		if body == "" {
			return fmt.Errorf("the API refused the credentials") // any failure
		}
		_, err = w.Finish(snapshot.Manifest{Window: &snapshot.Window{From: "2025-01", To: "2025-06"}})
		return err
	}

	fmt.Println(fetch(`{"return":["first"]}`))
	fmt.Println(fetch(""))
	r, err := snapshot.Open(dir)
	if err != nil {
		panic(err)
	}
	body, _ := r.Body(context.Background(), "Coach.getAll", url.Values{})
	fmt.Println(string(body), r.Manifest().Window)
	// Output:
	// <nil>
	// the API refused the credentials
	// {"return":["first"]} 2025-01..2025-06
}

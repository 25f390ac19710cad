package html

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"embed"
	"encoding/base64"
	"errors"
	"io/fs"
	"sync"
)

// ECharts is the version of ECharts the pages use: the one go-echarts
// v2.7 targets (its docs/en-us/dive-into.md), pinned in the Makefile's
// assets target.
const ECharts = "5.4.3"

// The public copy a page loads when the library is not inlined: jsDelivr
// serves the npm package's own file, so its Subresource Integrity hash
// (SHA-384 of dist/echarts.min.js of echarts@5.4.3) is that of the file
// `make assets` checks.
const (
	libraryURL       = "https://cdn.jsdelivr.net/npm/echarts@" + ECharts + "/dist/echarts.min.js"
	libraryIntegrity = "sha384-BQKzmHvQLMCAnL3UtDBA1Al5tFjsCz1wrMlIUA1wkzo14DYkRWjywW+p9pCj0cwd"
)

// assets holds the placeholder README and, in a binary built after `make
// assets`, echarts.min.js.
//
//go:embed assets
var assets embed.FS

// library is the inlined ECharts build, read once.
var library = sync.OnceValues(func() (string, error) {
	b, err := fs.ReadFile(assets, "assets/echarts.min.js")
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return inlineScript(b)
})

// inlineScript returns b as the text of an inline <script> block, or an
// error if the HTML parser would not hand it to the script engine whole:
// "</script" ends the block early and "<!--" can change how the parser
// reads up to it. Line endings become LF, as the parser makes them before
// the browser hashes the block for the Content-Security-Policy.
func inlineScript(b []byte) (string, error) {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
	low := bytes.ToLower(b)
	for _, bad := range []string{"</script", "<!--", "<script", "\x00"} {
		if bytes.Contains(low, []byte(bad)) {
			return "", errors.New("script holds " + `"` + bad + `"` + ", which cannot be inlined")
		}
	}
	return string(b), nil
}

// Inlined reports whether this binary carries ECharts, so that its pages
// draw charts without a network request. When false (a build without
// `make assets`), pages with charts load ECharts from cdn.jsdelivr.net.
func Inlined() bool {
	lib, err := library()
	return err == nil && lib != ""
}

// scriptHash returns the CSP source expression of an inline block's text.
func scriptHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// integrity returns the Subresource Integrity value (SHA-384) of b.
func integrity(b []byte) string {
	h := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(h[:])
}

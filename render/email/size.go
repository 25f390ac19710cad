package email

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/careport/careport/render/atomicfile"
)

// DefaultMaxSize is the default budget of an encoded message, 10 MiB: the
// smallest common per-message limit of mail systems (others allow 20-25
// MB). Base64 makes attachments a third larger than their files.
const DefaultMaxSize int64 = 10 << 20

// TooLargeError is returned by CheckSize when the encoded message exceeds
// the budget.
type TooLargeError struct {
	Size, Limit int64 // bytes: the encoded message and the budget
	// Zipped is whether the attachments were already zipped.
	Zipped bool
	// Attachments are the attached files, each "name (size)".
	Attachments []string
}

// Error says the sizes and what can be done.
func (e *TooLargeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the message is %s encoded, over the limit of %s", byteSize(e.Size), byteSize(e.Limit))
	if len(e.Attachments) > 0 {
		fmt.Fprintf(&b, " (attachments: %s)", strings.Join(e.Attachments, ", "))
	}
	b.WriteString("; ")
	if !e.Zipped {
		b.WriteString("allow zipping the attachments, ")
	}
	b.WriteString("raise the max-size if the mail server accepts larger mails, or attach fewer formats")
	return b.String()
}

// byteSize writes n bytes for a reader: "812 B", "3.4 KiB", "12.0 MiB".
func byteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// ErrNoAttachments is returned by CheckSize for a message without
// attachments: careport never sends an empty report mail (a report whose
// files were dropped must fail, not arrive as a body alone).
var ErrNoAttachments = errors.New("the message has no attachments; careport does not send a report mail without its files")

// CheckSize returns ErrNoAttachments when m has no attachments, a
// *TooLargeError when m's encoded size exceeds limit (limit <= 0 means
// DefaultMaxSize), and an error when m cannot be written. A message whose
// only attachment is a .zip is taken as zipped.
func CheckSize(m *Message, limit int64) error {
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if len(m.Attachments) == 0 {
		return ErrNoAttachments
	}
	n, err := m.Size()
	if err != nil {
		return fmt.Errorf("check size: %w", err)
	}
	if n <= limit {
		return nil
	}
	e := &TooLargeError{Size: n, Limit: limit}
	zipped := true
	for _, a := range m.Attachments {
		size := "?"
		if fi, err := os.Stat(a.Path); err == nil {
			size = byteSize(fi.Size())
		}
		e.Attachments = append(e.Attachments, fmt.Sprintf("%s (%s)", a.name(), size))
		if !strings.EqualFold(ContentType(a.name()), "application/zip") {
			zipped = false
		}
	}
	e.Zipped = zipped
	return e
}

// Zip writes files into one .zip at path (deflate), atomically: entries
// in the order given, named by their Attachment names (with the UTF-8
// flag set, so that unzip tools read non-ASCII names right), all with
// modTime as their modification time, so that the same files give the
// same bytes. Two files of one name are an error.
func Zip(ctx context.Context, path string, files []Attachment, modTime time.Time) error {
	seen := map[string]bool{}
	for _, f := range files {
		n := safeName(f.name())
		if seen[n] {
			return fmt.Errorf("zip %s: two files named %q", path, n)
		}
		seen[n] = true
	}
	return atomicfile.Write(ctx, path, 0o644, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := addZipFile(zw, f, modTime); err != nil {
				return err
			}
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("close zip: %w", err)
		}
		return nil
	})
}

// addZipFile copies one file into zw.
func addZipFile(zw *zip.Writer, f Attachment, modTime time.Time) (err error) {
	src, err := os.Open(f.Path)
	if err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	defer func() {
		if cerr := src.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("zip: close %s: %w", f.Path, cerr)
		}
	}()
	h := &zip.FileHeader{Name: safeName(f.name()), Method: zip.Deflate, Modified: modTime.UTC()}
	h.Flags |= 0x800 // names are UTF-8 (APPNOTE 4.4.4, bit 11)
	h.SetMode(0o644)
	dst, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("zip %s: %w", f.Path, err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		return fmt.Errorf("zip %s: %w", f.Path, err)
	}
	return nil
}

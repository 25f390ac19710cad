package email

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCheckSizeAndZip(t *testing.T) {
	// A page and a CSV of repetitive text: large, and compressing well.
	page := "<!DOCTYPE html>\n" + strings.Repeat("<tr><td>Andrés Chen</td><td>US$1,234.50</td></tr>\n", 4000)
	csv := strings.Repeat("2026-10-01,Andrés Chen,42,1234.50\r\n", 6000)
	paths := writeFiles(t, [2]string{"revenue.html", page}, [2]string{"revenue.csv", csv})
	files := []Attachment{{Path: paths[0], Name: "revenue 2026-10 Andrés.html"}, {Path: paths[1], Name: "revenue-2026-10.csv"}}
	m := testMessage(t)
	m.Attachments = files
	const limit = 100 << 10

	err := CheckSize(m, limit)
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("CheckSize: %v, want a *TooLargeError", err)
	}
	size, _ := m.Size()
	if tl.Size != size || tl.Limit != limit || tl.Zipped || len(tl.Attachments) != 2 {
		t.Errorf("got %+v", tl)
	}
	for _, want := range []string{"over the limit of 100.0 KiB", "revenue 2026-10 Andrés.html (", "allow zipping", "max-size", "fewer formats"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}

	dir := t.TempDir()
	mod := time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	zipPath := filepath.Join(dir, "revenue-2026-10.zip")
	if err := Zip(t.Context(), zipPath, files, mod); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := Zip(t.Context(), zipPath, files, mod); err != nil {
		t.Fatal(err)
	}
	second, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("two zips of the same files differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		if f.Name != files[i].Name || f.Method != zip.Deflate || f.Flags&0x800 == 0 || !f.Modified.Equal(mod) {
			t.Errorf("entry %d: name %q method %d flags %#x modified %v", i, f.Name, f.Method, f.Flags, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		if err := rc.Close(); err != nil {
			t.Fatal(err)
		}
		if want := []string{page, csv}[i]; b.String() != want {
			t.Errorf("entry %d: content differs", i)
		}
	}

	m.Attachments = []Attachment{{Path: zipPath}}
	if err := CheckSize(m, limit); err != nil {
		t.Errorf("zipped: %v", err)
	}
	if err := CheckSize(m, 1000); !errors.As(err, &tl) || !tl.Zipped || strings.Contains(err.Error(), "allow zipping") {
		t.Errorf("zipped and still too large: %v", err)
	}
	if ct := ContentType(zipPath); ct != "application/zip" {
		t.Errorf("zip content type %q", ct)
	}

	m.Attachments = nil
	if err := CheckSize(m, limit); !errors.Is(err, ErrNoAttachments) {
		t.Errorf("no attachments: %v, want ErrNoAttachments", err)
	}
}

func TestZipRefusesDuplicateNames(t *testing.T) {
	paths := writeFiles(t, [2]string{"a.csv", "1"}, [2]string{"b.csv", "2"})
	out := filepath.Join(t.TempDir(), "x.zip")
	err := Zip(t.Context(), out, []Attachment{{Path: paths[0], Name: "same.csv"}, {Path: paths[1], Name: "same.csv"}}, time.Time{})
	if err == nil {
		t.Errorf("Zip of two files named alike succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed Zip left %s", out)
	}
}

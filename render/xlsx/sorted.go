package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"

	"github.com/xuri/excelize/v2"
)

// writeSorted writes the workbook f to w with its zip entries in a fixed
// order ([Content_Types].xml first, then by name), so that the same report
// gives the same bytes: excelize writes its parts in map order, which
// differs from run to run, and a mailed workbook must be byte-stable for a
// fixed clock (render/email goldens whole messages). The parts are copied
// compressed as they are (zip.Writer.Copy), not deflated again; the extra
// cost is one pass over the finished file, through a temporary file in
// tmpDir (the staging folder in a run).
func writeSorted(f *excelize.File, w io.Writer, tmpDir string) (err error) {
	tmp, err := os.CreateTemp(tmpDir, ".careport-xlsx-*.zip")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := tmp.Close(); cerr != nil && err == nil {
			err = cerr
		}
		if rerr := os.Remove(tmp.Name()); rerr != nil && err == nil {
			err = rerr
		}
	}()
	n, err := f.WriteTo(tmp)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return fmt.Errorf("read back the workbook: %w", err)
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.SliceStable(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		if zf.Name == "[Content_Types].xml" {
			if err := copySortedTypes(zw, zf); err != nil {
				return err
			}
			continue
		}
		if err := zw.Copy(zf); err != nil {
			return fmt.Errorf("copy %s: %w", zf.Name, err)
		}
	}
	return zw.Close()
}

// overrideRE and defaultRE match one Override or Default element of
// [Content_Types].xml.
var (
	overrideRE = regexp.MustCompile(`<Override [^>]*?(?:/>|></Override>)`)
	defaultRE  = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)
)

// sortRun sorts the elements re matches when they stand together, one
// after the other; otherwise it returns data as it is.
func sortRun(data []byte, re *regexp.Regexp) []byte {
	locs := re.FindAllIndex(data, -1)
	if len(locs) < 2 {
		return data
	}
	start, end := locs[0][0], locs[len(locs)-1][1]
	var parts [][]byte
	for _, l := range locs {
		parts = append(parts, data[l[0]:l[1]])
	}
	if !bytes.Equal(bytes.Join(parts, nil), data[start:end]) {
		return data
	}
	sort.Slice(parts, func(i, j int) bool { return bytes.Compare(parts[i], parts[j]) < 0 })
	return append(append(append([]byte{}, data[:start]...), bytes.Join(parts, nil)...), data[end:]...)
}

// copySortedTypes writes [Content_Types].xml with its Override elements
// and Default elements sorted: excelize adds them in map order, and their
// order means nothing.
// A part of another shape is copied as it is.
func copySortedTypes(zw *zip.Writer, zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(rc)
	if cerr := rc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", zf.Name, err)
	}
	data = sortRun(data, overrideRE)
	data = sortRun(data, defaultRE)
	h := zf.FileHeader
	hw, err := zw.CreateHeader(&zip.FileHeader{Name: h.Name, Method: h.Method, Modified: h.Modified})
	if err != nil {
		return err
	}
	_, err = hw.Write(data)
	return err
}

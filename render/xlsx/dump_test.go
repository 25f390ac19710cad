package xlsx

import (
	"testing"

	"github.com/careport/careport/render/xlsx/xlsxdump"
	"github.com/xuri/excelize/v2"
)

// cellTypeName names excelize's cell types for dumps.
func cellTypeName(t excelize.CellType) string { return xlsxdump.CellTypeName(t) }

// dumpWorkbook reads a workbook back and describes it as text (see
// xlsxdump.Dump, which the command's golden tests share). It fails the
// test if any cell has a formula.
func dumpWorkbook(t *testing.T, path string) string {
	t.Helper()
	out, err := xlsxdump.Dump(path)
	if err != nil {
		t.Errorf("dump %s: %v", path, err)
	}
	return out
}

// chartRefs lists each chart part of the zip and the ranges it references.
func chartRefs(t *testing.T, path string) []string {
	t.Helper()
	out, err := xlsxdump.ChartRefs(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

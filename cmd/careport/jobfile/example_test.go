package jobfile_test

import (
	"fmt"

	"github.com/careport/careport/cmd/careport/jobfile"
)

func ExampleParse() {
	f, err := jobfile.Parse("jobs.yaml", []byte(`
from: Acme Reports <reports@acme.example>
jobs:
  - name: monthly-owner
    period: last-month
    reports:
      - revenue
      - engagements: {stalled-days: 30}
    to: owner@acme.example, cfo@acme.example
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	j := f.Jobs[0]
	fmt.Println(j.Name, j.Period, j.Formats, f.Out)
	for _, r := range j.Reports {
		fmt.Println(r.Name, r.Args)
	}
	for _, a := range j.To {
		fmt.Println(a.Address)
	}
	subject, _ := j.ExecSubject(jobfile.TemplateData{Account: "Acme", Reports: "revenue and engagements", Period: "October 2026"})
	fmt.Println(subject)

	_, err = jobfile.Parse("jobs.yaml", []byte(`
from: reports@acme.example
jobs:
  - name: monthly-owner
    period: last-month
    reports: [revenue]
    subjct: Figures
`))
	fmt.Println(err)
	// Output:
	// monthly-owner last-month [xlsx] out
	// revenue []
	// engagements [--stalled-days=30]
	// owner@acme.example
	// cfo@acme.example
	// Acme: revenue and engagements for October 2026
	// jobs.yaml:4:5: job "monthly-owner" has no recipients: give to (or cc or bcc), or make it per-coach
	// jobs.yaml:7:5: unknown key "subjct" in job "monthly-owner" (did you mean "subject"?)
}

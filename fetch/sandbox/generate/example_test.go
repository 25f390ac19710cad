package generate_test

import (
	"fmt"

	"github.com/careport/careport/fetch/sandbox/generate"
)

func ExampleGenerate() {
	size, err := generate.ParseSize("small")
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := generate.Generate(size, generate.SampleSeed)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Name)
	fmt.Println(a.Timezone, a.AsOf, a.Currencies)
	fmt.Println(len(a.Coaches), "coaches,", len(a.Clients), "clients")
	// Output:
	// Sample coaching practice (small)
	// America/New_York 2026-10-31 [USD EUR GBP]
	// 6 coaches, 60 clients
}

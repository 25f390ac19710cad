package fetch_test

import (
	"fmt"
	"time"

	"github.com/careport/careport/fetch"
)

func ExampleParseActivityStatsCSV() {
	loc, _ := time.LoadLocation("America/Denver")
	text := "ClientID,Client Name,2025-01,2025-02,Total,Average\n1042,Ava Chen,14,9,23,11.5\n"
	stats, err := fetch.ParseActivityStatsCSV("ClientData.getActivityStats", text, loc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range stats.Cells {
		fmt.Println(c.ClientID, c.ClientName, c.BucketStart.Format("2006-01-02 MST"), c.Value.Decimal)
	}
	fmt.Println("total", stats.Clients[0].Total.Decimal, "average", stats.Clients[0].Average.Decimal)
	// Output:
	// 1042 Ava Chen 2025-01-01 MST 14
	// 1042 Ava Chen 2025-02-01 MST 9
	// total 23 average 11.5
}

func ExampleParseDataFetchCSV() {
	text := "ClientID,Client Name,Date,Value\n1042,Ava Chen,2025-03-04,12\n1077,Ben Ortiz,2025-03-05,1,200\n"
	_, err := fetch.ParseDataFetchCSV("ClientData.getByField", text, time.UTC, 'L', 'N')
	fmt.Println(err)
	// Output:
	// ClientData.getByField: CSV line 3: wrong number of fields
}

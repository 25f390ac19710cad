package clientdata_test

import (
	"fmt"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/clientdata"
)

func exampleAccount() *account.Account {
	d := account.DateOf
	point := func(id int, day account.Date, v account.Fixed) *account.DataPoint {
		return &account.DataPoint{ID: id, DateOf: day, Value: v}
	}
	return &account.Account{
		Timezone: "America/Denver",
		Currency: "USD",
		Coaches:  []*account.Coach{{ID: 1, FirstName: "Dana", LastName: "Reyes", IsActive: true}},
		Clients: []*account.Client{
			{ID: 1077, CoachID: 1, FirstName: "Ben", LastName: "Ortiz", IsActive: true},
			{ID: 1042, CoachID: 1, FirstName: "Ava", LastName: "Chen", IsActive: true},
		},
		Metrics: []*account.Metric{
			{ID: 1, ClientID: 1042, Name: "Weight", Units: "lbs", Data: []*account.DataPoint{
				point(1, d(2025, 3, 4), 12*account.FixedScale),
				point(2, d(2025, 3, 18), 145*account.FixedScale/10),
			}},
			{ID: 2, ClientID: 1077, Name: "Weight", Units: "lbs", Data: []*account.DataPoint{
				point(3, d(2025, 3, 5), 9*account.FixedScale),
				point(4, d(2025, 3, 12), 11*account.FixedScale),
			}},
		},
	}
}

func ExampleDataFetch() {
	a := exampleAccount()
	grid, _ := clientdata.DataFetch(a, time.UTC, clientdata.DataFetchOptions{FieldName: "weight"})
	fmt.Print(grid)
	fmt.Println()
	list, _ := clientdata.DataFetch(a, time.UTC, clientdata.DataFetchOptions{
		FieldName: "Weight", ClientID: 1042, Structure: 'L', WhatData: 'B', IncludeCoachName: true,
	})
	fmt.Print(list)
	fmt.Println()
	none, empty := clientdata.DataFetch(a, time.UTC, clientdata.DataFetchOptions{FieldName: "Height"})
	fmt.Print(none, empty)
	// Output:
	// ClientID,Client Name,2025-03-03,2025-03-10,2025-03-17
	// 1042,Ava Chen,12,,14.5
	// 1077,Ben Ortiz,9,11,
	//
	// ClientID,Client Name,Coach Name,Date,Value,Text
	// 1042,Ava Chen,Dana Reyes,2025-03-04,12,12 lbs
	// 1042,Ava Chen,Dana Reyes,2025-03-18,14.5,14.5 lbs
	//
	// ClientID,Client Name
	// true
}

func ExampleActivityStats() {
	a := exampleAccount()
	a.Metrics = nil
	// Comments per month: Ava 14, 9, 11; Ben 0, 3, 2.
	for client, perMonth := range map[int][3]int{1042: {14, 9, 11}, 1077: {0, 3, 2}} {
		for m, n := range perMonth {
			for i := range n {
				a.Activities = append(a.Activities, &account.Activity{
					ClientID: client, Kind: "C", Date: account.DateOf(2025, time.Month(m+1), i+1).At(12, 0, 0),
				})
			}
		}
	}
	text, _ := clientdata.ActivityStats(a, time.UTC, clientdata.ActivityOptions{
		Bucket: 'M', From: account.DateOf(2025, 1, 1), To: account.DateOf(2025, 3, 31),
		IncludeTotals: true, IncludeAverages: true, Today: account.DateOf(2025, 4, 15),
	})
	fmt.Print(text)
	// Output:
	// ClientID,Client Name,2025-01,2025-02,2025-03,Total,Average
	// 1042,Ava Chen,14,9,11,34,11.33
	// 1077,Ben Ortiz,0,3,2,5,1.67
}

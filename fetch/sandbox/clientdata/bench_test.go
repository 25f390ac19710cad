package clientdata

import (
	"strconv"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// largeAccount builds a synthetic account the size of the large sample:
// clients clients of 10 coaches, each with a Weight metric of points daily
// points from 2024-01-01, plus per client 20 done actions, 10 appointments,
// 10 sessions and 10 worksheets with a Mood answer, and 20 activities.
func largeAccount(clients, points int) *account.Account {
	a := &account.Account{Timezone: "America/Denver", Currency: "USD"}
	for i := 1; i <= 10; i++ {
		a.Coaches = append(a.Coaches, &account.Coach{ID: i, FirstName: "Coach", LastName: strconv.Itoa(i), IsActive: true})
	}
	start := account.DateOf(2024, 1, 1)
	id := 0
	next := func() int { id++; return id }
	for c := 1; c <= clients; c++ {
		cl := &account.Client{
			ID: 1000 + c, CoachID: 1 + c%10, FirstName: "First" + strconv.Itoa(c%97),
			LastName: "Last" + strconv.Itoa(c%389), IsActive: c%20 != 0,
		}
		a.Clients = append(a.Clients, cl)
		m := &account.Metric{ID: next(), ClientID: cl.ID, Name: "Weight", Units: "lbs"}
		for p := range points {
			m.Data = append(m.Data, &account.DataPoint{
				ID: next(), DateOf: start.AddDays(p), Value: account.Fixed(1500000 + (c*7919+p*104729)%500000),
			})
		}
		a.Metrics = append(a.Metrics, m)
		for k := range 20 {
			d := start.AddDays((c + k*23) % points)
			a.Actions = append(a.Actions, &account.Action{ID: next(), ClientID: cl.ID, IsDone: k%3 != 0, DateDone: d.At(9, 0, 0)})
			a.Activities = append(a.Activities, &account.Activity{ClientID: cl.ID, Kind: string("JFC"[k%3]), Date: d.At(10, 0, 0)})
		}
		for k := range 10 {
			d := start.AddDays((c + k*47) % points)
			n := account.Fixed((k % 5) * account.FixedScale)
			ans := []*account.Answer{{Name: "Mood", Value: "ok " + strconv.Itoa(k), NumberValue: &n}}
			a.Appointments = append(a.Appointments, &account.Appointment{ID: next(), ClientID: cl.ID, Status: "A", StartDate: d.At(11, 0, 0)})
			a.Sessions = append(a.Sessions, &account.Session{ID: next(), ClientID: cl.ID, DateOf: d.At(12, 0, 0), Answers: ans})
			a.Worksheets = append(a.Worksheets, &account.Worksheet{ID: next(), ClientID: cl.ID, IsDone: true, DateDone: d.At(13, 0, 0), Answers: ans})
		}
	}
	return a
}

func BenchmarkDataFetch(b *testing.B) {
	a := largeAccount(2000, 500)
	for _, bc := range []struct {
		name string
		o    DataFetchOptions
	}{
		{"grid-weekly-numeric", DataFetchOptions{FieldName: "weight"}},
		{"grid-daily-both", DataFetchOptions{FieldName: "Weight", Bucket: 'D', WhatData: 'B', IncludeInactive: true}},
		{"listing-both", DataFetchOptions{FieldName: "Weight", Structure: 'L', WhatData: 'B', IncludeCoachName: true}},
		{"form-answers-monthly", DataFetchOptions{FieldName: "mood", Bucket: 'M'}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				text, _ := DataFetch(a, time.UTC, bc.o)
				n = len(text)
			}
			b.ReportMetric(float64(n), "bytes/csv")
		})
	}
}

func BenchmarkActivityStats(b *testing.B) {
	a := largeAccount(2000, 500)
	today := account.DateOf(2025, 5, 14)
	for _, bc := range []struct {
		name string
		o    ActivityOptions
	}{
		{"weekly-all-open", ActivityOptions{Bucket: 'W', Today: today, IncludeTotals: true, IncludeAverages: true}},
		{"daily-all-inactive", ActivityOptions{Bucket: 'D', Today: today, IncludeInactive: true, IncludeTotals: true, IncludeAverages: true}},
		{"monthly-coach-APS", ActivityOptions{Bucket: 'M', CoachID: 3, ItemTypes: "APS", Today: today}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				text, _ := ActivityStats(a, time.UTC, bc.o)
				n = len(text)
			}
			b.ReportMetric(float64(n), "bytes/csv")
		})
	}
}

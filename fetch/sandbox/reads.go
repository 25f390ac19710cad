package sandbox

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// readFunctions lists the read functions the sandbox implements (section 4
// and section 6). They run under the account's read lock.
func readFunctions() map[string]handler {
	return map[string]handler{
		"Client.getAll":               clientGetAll,
		"Client.get":                  clientGet,
		"Coach.getAll":                coachGetAll,
		"Coach.get":                   coachGet,
		"Company.getAll":              companyGetAll,
		"Pairing.getForClient":        pairingGetForClient,
		"Pairing.getForCoach":         pairingGetForCoach,
		"Pairing.getHistory":          pairingGetHistory,
		"Action.getAll":               actionGetAll,
		"Metric.getAll":               metricGetAll,
		"Appointment.getTypes":        appointmentGetTypes,
		"Appointment.getAll":          appointmentGetAll,
		"Session.getAll":              sessionGetAll,
		"Worksheet.getAll":            worksheetGetAll,
		"Invoice.getAll":              invoiceGetAll,
		"Invoice.get":                 invoiceGet,
		"Invoice.getPayments":         invoiceGetPayments,
		"Engagement.getTemplates":     engagementGetTemplates,
		"Engagement.getAll":           engagementGetAll,
		"Account.me":                  accountMe,
		"Group.getAll":                groupGetAll,
		"ClientData.getByField":       clientDataGetByField,
		"ClientData.getActivityStats": clientDataGetActivityStats,
	}
}

// clientGetAll is Client.getAll (4.1).
func clientGetAll(c *call) (string, any, *apiError) {
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	companyID, byCompany, e := c.companyFilter("CompanyID", true)
	if e != nil {
		return "", nil, e
	}
	option, e := c.enumParam("sortOption", "C", "C", "A")
	if e != nil {
		return "", nil, e
	}
	inactive := c.boolParam("includeInactive", false)
	paired := map[int]bool{}
	if byCoach {
		for _, p := range c.acct.Pairings {
			if p.CoachID == coachID && p.EndDate == 0 {
				paired[p.ClientID] = true
			}
		}
	}
	var list []*account.Client
	for _, cl := range c.acct.Clients {
		if (!cl.IsActive && !inactive) || (byCoach && !paired[cl.ID]) || (byCompany && cl.CompanyID != companyID) {
			continue
		}
		list = append(list, cl)
	}
	slices.SortFunc(list, byOption(option,
		func(x *account.Client) bool { return x.IsActive },
		func(x *account.Client) account.DateTime { return x.DateAdded },
		func(x *account.Client) int { return x.ID },
		func(x *account.Client) []string { return []string{x.LastName, x.FirstName} }))
	names := companyNames(c.acct)
	return loaded(records{n: len(list), at: func(i int) any { return encodeClient(list[i], names[list[i].CompanyID]) }})
}

// clientGet is Client.get (4.2): inactive clients too.
func clientGet(c *call) (string, any, *apiError) {
	if e := c.required("ClientID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	cl := findClient(c.acct, id)
	return loaded(recordList([]clientView{encodeClient(cl, companyNames(c.acct)[cl.CompanyID])}))
}

// coachGetAll is Coach.getAll (4.3).
func coachGetAll(c *call) (string, any, *apiError) {
	option, e := c.enumParam("sortOption", "C", "C", "A")
	if e != nil {
		return "", nil, e
	}
	inactive := c.boolParam("includeInactive", false)
	var list []*account.Coach
	for _, co := range c.acct.Coaches {
		if co.IsActive || inactive {
			list = append(list, co)
		}
	}
	slices.SortFunc(list, byOption(option,
		func(x *account.Coach) bool { return x.IsActive },
		func(x *account.Coach) account.DateTime { return x.DateAdded },
		func(x *account.Coach) int { return x.ID },
		func(x *account.Coach) []string { return []string{x.LastName, x.FirstName} }))
	return loaded(records{n: len(list), at: func(i int) any { return encodeCoach(list[i], true) }})
}

// coachGet is Coach.get (4.4).
func coachGet(c *call) (string, any, *apiError) {
	if e := c.required("CoachID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	return loaded(recordList([]coachView{encodeCoach(findCoach(c.acct, id), false)}))
}

// companyGetAll is Company.getAll (4.5).
func companyGetAll(c *call) (string, any, *apiError) {
	option, e := c.enumParam("sortOption", "C", "C", "A")
	if e != nil {
		return "", nil, e
	}
	inactive := c.boolParam("includeInactive", false)
	var list []*account.Company
	for _, co := range c.acct.Companies {
		if co.IsActive || inactive {
			list = append(list, co)
		}
	}
	slices.SortFunc(list, byOption(option,
		func(x *account.Company) bool { return x.IsActive },
		func(x *account.Company) account.DateTime { return x.DateAdded },
		func(x *account.Company) int { return x.ID },
		func(x *account.Company) []string { return []string{x.Name} }))
	return loaded(records{n: len(list), at: func(i int) any { return encodeCompany(list[i]) }})
}

// pairingGetForClient is Pairing.getForClient (4.8): the client's current
// pairings by ascending CoachID.
func pairingGetForClient(c *call) (string, any, *apiError) {
	if e := c.required("ClientID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	var out []coachPairingView
	for _, p := range c.acct.Pairings {
		if p.ClientID == id && p.EndDate == 0 {
			name := ""
			if co := findCoach(c.acct, p.CoachID); co != nil {
				name = fullName(co.FirstName, co.LastName)
			}
			out = append(out, coachPairingView{CoachID: p.CoachID, CoachName: name, DateAdded: p.StartDate, Type: p.Type})
		}
	}
	slices.SortFunc(out, func(x, y coachPairingView) int { return cmp.Compare(x.CoachID, y.CoachID) })
	return loaded(recordList(out))
}

// pairingGetForCoach is Pairing.getForCoach (4.7): the coach's current
// pairings by ascending ClientID.
func pairingGetForCoach(c *call) (string, any, *apiError) {
	if e := c.required("CoachID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	clients := clientsByID(c.acct)
	var out []clientPairingView
	for _, p := range c.acct.Pairings {
		if p.CoachID == id && p.EndDate == 0 {
			name := ""
			if cl := clients[p.ClientID]; cl != nil {
				name = fullName(cl.FirstName, cl.LastName)
			}
			out = append(out, clientPairingView{ClientID: p.ClientID, ClientName: name, DateAdded: p.StartDate, Type: p.Type})
		}
	}
	slices.SortFunc(out, func(x, y clientPairingView) int { return cmp.Compare(x.ClientID, y.ClientID) })
	return loaded(recordList(out))
}

// pairingGetHistory is Pairing.getHistory (4.9): periods ordered by start,
// then client and coach.
func pairingGetHistory(c *call) (string, any, *apiError) {
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	from, to, e := c.dateRange("dateFrom", "dateTo")
	if e != nil {
		return "", nil, e
	}
	var out []pairingPeriodView
	for _, p := range c.acct.Pairings {
		if (byCoach && p.CoachID != coachID) || (byClient && p.ClientID != clientID) || !inRange(p.StartDate, from, to) {
			continue
		}
		out = append(out, pairingPeriodView{CoachID: p.CoachID, ClientID: p.ClientID, Type: p.Type, StartDate: p.StartDate, EndDate: p.EndDate})
	}
	slices.SortStableFunc(out, func(x, y pairingPeriodView) int {
		return cmp.Or(cmp.Compare(x.StartDate, y.StartDate), cmp.Compare(x.ClientID, y.ClientID), cmp.Compare(x.CoachID, y.CoachID))
	})
	return loaded(recordList(out))
}

// actionGetAll is Action.getAll (4.10): ClientID optional (newer docs).
func actionGetAll(c *call) (string, any, *apiError) {
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	projects := map[int]string{}
	for _, p := range c.acct.ActionProjects {
		projects[p.ID] = p.Name
	}
	projectID, byProject, e := c.idFilter("ActionProjectID", func(id int) bool { _, ok := projects[id]; return ok }, true)
	if e != nil {
		return "", nil, e
	}
	prefix := c.str("projectName", 0)
	done, canceled, forCoach := c.boolParam("includeDone", false), c.boolParam("includeCanceled", false), c.boolParam("includeForCoach", false)
	var list []*account.Action
	for _, a := range c.acct.Actions {
		switch {
		case byClient && a.ClientID != clientID, byCoach && a.CoachID != coachID,
			byProject && a.ActionProjectID != projectID,
			prefix != "" && !hasPrefixFold(projects[a.ActionProjectID], prefix),
			a.IsDone && !done, a.IsCanceled && !canceled, a.ForWho == "C" && !forCoach:
			continue
		}
		list = append(list, a)
	}
	slices.SortFunc(list, func(x, y *account.Action) int { return cmp.Compare(x.ID, y.ID) })
	return loaded(records{n: len(list), at: func(i int) any { return encodeAction(list[i], projects[list[i].ActionProjectID]) }})
}

// metricGetAll is Metric.getAll (4.11).
func metricGetAll(c *call) (string, any, *apiError) {
	if e := c.required("ClientID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	completed, data := c.boolParam("includeCompleted", false), c.boolParam("includeData", true)
	var list []*account.Metric
	for _, m := range c.acct.Metrics {
		if m.ClientID == id && (!m.IsComplete || completed) {
			list = append(list, m)
		}
	}
	slices.SortFunc(list, func(x, y *account.Metric) int { return cmp.Compare(x.ID, y.ID) })
	return loaded(records{n: len(list), at: func(i int) any { return encodeMetric(list[i], data) }})
}

// appointmentGetTypes is Appointment.getTypes (4.12): all coaches' types
// without CoachID.
func appointmentGetTypes(c *call) (string, any, *apiError) {
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	var out []appointmentTypeView
	for _, t := range c.acct.AppointmentTypes {
		if !byCoach || t.CoachID == coachID {
			out = append(out, encodeAppointmentType(t))
		}
	}
	slices.SortFunc(out, func(x, y appointmentTypeView) int { return cmp.Compare(x.ID, y.ID) })
	return loaded(recordList(out))
}

// appointmentGetAll is Appointment.getAll (4.13): active appointments, plus
// pending and canceled ones on request; declined ones only with both flags.
func appointmentGetAll(c *call) (string, any, *apiError) {
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	companyID, byCompany, e := c.companyFilter("CompanyID", false)
	if e != nil {
		return "", nil, e
	}
	name := c.str("name", 0)
	from, to, e := c.dateRange("dateFrom", "dateTo")
	if e != nil {
		return "", nil, e
	}
	pending, canceled := c.boolParam("includePending", false), c.boolParam("includeCanceled", false)
	clients := clientsByID(c.acct)
	var list []*account.Appointment
	for _, a := range c.acct.Appointments {
		switch {
		case byCoach && a.CoachID != coachID, byClient && a.ClientID != clientID,
			byCompany && (clients[a.ClientID] == nil || clients[a.ClientID].CompanyID != companyID),
			name != "" && !hasPrefixFold(a.Name, name), !inRange(a.StartDate, from, to),
			a.Status == "P" && !pending, a.Status == "C" && !canceled, a.Status == "D" && !(pending && canceled):
			continue
		}
		list = append(list, a)
	}
	slices.SortFunc(list, func(x, y *account.Appointment) int { return cmp.Compare(x.ID, y.ID) })
	return loaded(records{n: len(list), at: func(i int) any { return encodeAppointment(list[i]) }})
}

// sessionGetAll is Session.getAll (4.14).
func sessionGetAll(c *call) (string, any, *apiError) {
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	from, to, e := c.dateRange("dateFrom", "dateTo")
	if e != nil {
		return "", nil, e
	}
	field, e := c.enumParam("sortField", "dateDone", "dateAdded", "dateDone", "dateOf")
	if e != nil {
		return "", nil, e
	}
	dir, e := c.direction()
	if e != nil {
		return "", nil, e
	}
	drafts := c.boolParam("includeDrafts", false)
	var list []*account.Session
	for _, s := range c.acct.Sessions {
		if (byClient && s.ClientID != clientID) || (byCoach && s.CoachID != coachID) || !inRange(s.DateOf, from, to) || (s.IsDraft && !drafts) {
			continue
		}
		list = append(list, s)
	}
	key := func(s *account.Session) account.DateTime {
		switch field {
		case "dateAdded":
			return s.DateAdded
		case "dateOf":
			return s.DateOf
		}
		return s.DateDone
	}
	slices.SortFunc(list, func(x, y *account.Session) int {
		return dir * cmp.Or(cmp.Compare(key(x), key(y)), cmp.Compare(x.ID, y.ID))
	})
	return loaded(records{n: len(list), at: func(i int) any { return encodeSession(list[i]) }})
}

// worksheetGetAll is Worksheet.getAll (4.15).
func worksheetGetAll(c *call) (string, any, *apiError) {
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	companyID, byCompany, e := c.companyFilter("CompanyID", false)
	if e != nil {
		return "", nil, e
	}
	title := c.str("title", 0)
	from, to, e := c.dateRange("dateAssignedFrom", "dateAssignedTo")
	if e != nil {
		return "", nil, e
	}
	field, e := c.enumParam("sortField", "dateAssigned", "dateAssigned", "dateDone", "dateDue")
	if e != nil {
		return "", nil, e
	}
	dir, e := c.direction()
	if e != nil {
		return "", nil, e
	}
	content, outstanding := c.boolParam("includeContent", false), c.boolParam("includeOutstanding", false)
	clients := clientsByID(c.acct)
	var list []*account.Worksheet
	for _, w := range c.acct.Worksheets {
		switch {
		case byClient && w.ClientID != clientID, byCoach && w.CoachID != coachID,
			byCompany && (clients[w.ClientID] == nil || clients[w.ClientID].CompanyID != companyID),
			title != "" && !hasPrefixFold(w.Title, title), !inRange(w.DateAssigned, from, to),
			!w.IsDone && !outstanding:
			continue
		}
		list = append(list, w)
	}
	key := func(w *account.Worksheet) account.DateTime {
		switch field {
		case "dateDone":
			return w.DateDone
		case "dateDue":
			return w.DateDue
		}
		return w.DateAssigned
	}
	slices.SortFunc(list, func(x, y *account.Worksheet) int {
		return dir * cmp.Or(cmp.Compare(key(x), key(y)), cmp.Compare(x.ID, y.ID))
	})
	return loaded(records{n: len(list), at: func(i int) any { return encodeWorksheet(list[i], content) }})
}

// invoiceGetAll is Invoice.getAll (4.16). The list is streamed: only the
// sorted pointers are held, each invoice is encoded as it is written.
func invoiceGetAll(c *call) (string, any, *apiError) {
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	companyID, byCompany, e := c.companyFilter("CompanyID", false)
	if e != nil {
		return "", nil, e
	}
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	from, to, e := c.dateRange("dateFrom", "dateTo")
	if e != nil {
		return "", nil, e
	}
	field, e := c.enumParam("sortField", "dateAdded", "dateAdded", "dateDue", "dateOf")
	if e != nil {
		return "", nil, e
	}
	dir, e := c.direction()
	if e != nil {
		return "", nil, e
	}
	clients := clientsByID(c.acct)
	var list []*account.Invoice
	for _, inv := range c.acct.Invoices {
		switch {
		case byClient && inv.ClientID != clientID, byCompany && inv.CompanyID != companyID,
			byCoach && (clients[inv.ClientID] == nil || clients[inv.ClientID].CoachID != coachID),
			!inDateRange(inv.DateOf, from, to):
			continue
		}
		list = append(list, inv)
	}
	key := func(inv *account.Invoice) account.DateTime {
		switch field {
		case "dateDue":
			return inv.DateDue.At(0, 0, 0)
		case "dateOf":
			return inv.DateOf.At(0, 0, 0)
		}
		return inv.DateAdded
	}
	slices.SortFunc(list, func(x, y *account.Invoice) int {
		return dir * cmp.Or(cmp.Compare(key(x), key(y)), cmp.Compare(x.ID, y.ID))
	})
	names := companyNames(c.acct)
	return loaded(records{n: len(list), at: func(i int) any {
		inv := list[i]
		return encodeInvoice(inv, clients[inv.ClientID], names[inv.CompanyID])
	}})
}

// findInvoice finds an invoice by ID or, with a # prefix, by number.
func findInvoice(a *account.Account, ref string) *account.Invoice {
	ref = strings.TrimSpace(ref)
	if num, ok := strings.CutPrefix(ref, "#"); ok {
		for _, inv := range a.Invoices {
			if inv.Number == num {
				return inv
			}
		}
		return nil
	}
	id, ok := atoiStrict(ref)
	if !ok {
		return nil
	}
	for _, inv := range a.Invoices {
		if int64(inv.ID) == id {
			return inv
		}
	}
	return nil
}

// invoiceGet is Invoice.get (4.17): an ID or #number.
func invoiceGet(c *call) (string, any, *apiError) {
	if e := c.required("InvoiceID"); e != nil {
		return "", nil, e
	}
	inv := findInvoice(c.acct, c.params["InvoiceID"])
	if inv == nil {
		return "", nil, fail(apicode.UnknownID, "%s: InvoiceID %q refers to nothing.", c.function, c.params["InvoiceID"])
	}
	var cl *account.Client
	if inv.ClientID != 0 {
		cl = findClient(c.acct, inv.ClientID)
	}
	return loaded(recordList([]invoiceView{encodeInvoice(inv, cl, companyNames(c.acct)[inv.CompanyID])}))
}

// invoiceGetPayments is Invoice.getPayments (4.18).
func invoiceGetPayments(c *call) (string, any, *apiError) {
	from, to, e := c.dateRange("dateFrom", "dateTo")
	if e != nil {
		return "", nil, e
	}
	field, e := c.enumParam("sortField", "datePaid", "datePaid", "invoiceNumber")
	if e != nil {
		return "", nil, e
	}
	dir, e := c.direction()
	if e != nil {
		return "", nil, e
	}
	type ref struct {
		inv *account.Invoice
		p   *account.Payment
	}
	var list []ref
	for _, inv := range c.acct.Invoices {
		for _, p := range inv.Payments {
			if inRange(p.DatePaid, from, to) {
				list = append(list, ref{inv, p})
			}
		}
	}
	slices.SortFunc(list, func(x, y ref) int {
		var r int
		if field == "invoiceNumber" {
			r = compareNumbers(x.inv.Number, y.inv.Number)
		} else {
			r = cmp.Compare(x.p.DatePaid, y.p.DatePaid)
		}
		return dir * cmp.Or(r, cmp.Compare(x.p.ID, y.p.ID))
	})
	return loaded(records{n: len(list), at: func(i int) any { return encodePayment(list[i].inv, list[i].p) }})
}

// engagementGetTemplates is Engagement.getTemplates (4.19).
func engagementGetTemplates(c *call) (string, any, *apiError) {
	out := make([]templateView, 0, len(c.acct.EngagementTemplates))
	for _, t := range c.acct.EngagementTemplates {
		out = append(out, encodeTemplate(t))
	}
	slices.SortFunc(out, func(x, y templateView) int { return cmp.Compare(x.ID, y.ID) })
	return loaded(recordList(out))
}

// engagementGetAll is Engagement.getAll (4.20). An indefinite engagement
// (no end date) ends after any endDateFrom and never before an endDateTo.
func engagementGetAll(c *call) (string, any, *apiError) {
	clientID, byClient, e := c.clientFilter("ClientID")
	if e != nil {
		return "", nil, e
	}
	companyID, byCompany, e := c.companyFilter("CompanyID", false)
	if e != nil {
		return "", nil, e
	}
	coachID, byCoach, e := c.coachFilter("CoachID")
	if e != nil {
		return "", nil, e
	}
	sFrom, sTo, e := c.dateRange("startDateFrom", "startDateTo")
	if e != nil {
		return "", nil, e
	}
	eFrom, eTo, e := c.dateRange("endDateFrom", "endDateTo")
	if e != nil {
		return "", nil, e
	}
	withAppts := c.boolParam("includeAppointments", false)
	var list []*account.Engagement
	for _, en := range c.acct.Engagements {
		switch {
		case byClient && en.ClientID != clientID, byCompany && en.CompanyID != companyID,
			byCoach && en.CoachID != coachID, !inDateRange(en.StartDate, sFrom, sTo),
			en.EndDate == 0 && eTo != 0, en.EndDate != 0 && !inDateRange(en.EndDate, eFrom, eTo):
			continue
		}
		list = append(list, en)
	}
	slices.SortFunc(list, func(x, y *account.Engagement) int { return cmp.Compare(x.ID, y.ID) })
	appts := map[int][]*account.Appointment{}
	for _, a := range c.acct.Appointments {
		if a.EngagementID != 0 {
			appts[a.EngagementID] = append(appts[a.EngagementID], a)
		}
	}
	for _, as := range appts {
		slices.SortFunc(as, func(x, y *account.Appointment) int { return cmp.Compare(x.ID, y.ID) })
	}
	clients, companies := clientsByID(c.acct), companyNames(c.acct)
	now := c.nowDT()
	return loaded(records{n: len(list), at: func(i int) any {
		en := list[i]
		with := companies[en.CompanyID]
		if cl := clients[en.ClientID]; en.ClientID != 0 && cl != nil {
			with = fullName(cl.FirstName, cl.LastName)
		}
		return encodeEngagement(en, with, appts[en.ID], now, withAppts)
	}})
}

// accountMe is Account.me (4.26): the account owner.
func accountMe(c *call) (string, any, *apiError) {
	co := findCoach(c.acct, c.acct.OwnerCoachID)
	if co == nil && len(c.acct.Coaches) > 0 {
		co = c.acct.Coaches[0]
	}
	if co == nil {
		return loaded(recordList([]meView{}))
	}
	return loaded(recordList([]meView{{FirstName: co.FirstName, LastName: co.LastName, Email: co.Email, Username: co.Email}}))
}

// groupGetAll is Group.getAll (4.23), by ascending ID.
func groupGetAll(c *call) (string, any, *apiError) {
	out := make([]groupView, 0, len(c.acct.Groups))
	for _, g := range c.acct.Groups {
		out = append(out, groupView{ID: g.ID, CoachID: g.CoachID, Name: g.Name, Type: g.Type})
	}
	slices.SortFunc(out, func(x, y groupView) int { return cmp.Compare(x.ID, y.ID) })
	return loaded(recordList(out))
}

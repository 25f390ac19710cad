package sandbox

import (
	"github.com/careport/careport/fetch/sandbox/account"
)

// This file holds the wire shapes of returned records (section 4). The
// account types' own JSON is the account-file format, not the wire format,
// so every record kind has its view here. Date, DateTime, Cents and Fixed
// already encode as section 1.8 wants (null when absent).

// clientView is a Client object (4.1).
type clientView struct {
	ID            int              `json:"ID"`
	CoachID       int              `json:"CoachID"`
	FirstName     string           `json:"firstName"`
	LastName      string           `json:"lastName"`
	Email         string           `json:"email"`
	DateAdded     account.DateTime `json:"dateAdded"`
	IsActive      bool             `json:"isActive"`
	IsFreebie     bool             `json:"isFreebie"`
	HomePhone     string           `json:"homePhone"`
	WorkPhone     string           `json:"workPhone"`
	CellPhone     string           `json:"cellPhone"`
	ProfileExtra  string           `json:"profileExtra"`
	IsRegistered  bool             `json:"isRegistered"`
	Address1      string           `json:"address1"`
	City          string           `json:"city"`
	State         string           `json:"state"`
	ZIP           string           `json:"ZIP"`
	Country       string           `json:"country"`
	LoginCount    int              `json:"loginCount"`
	LastLoginDate account.DateTime `json:"lastLoginDate"`
	CompanyID     int              `json:"CompanyID"`
	CompanyName   string           `json:"companyName"`
}

func encodeClient(c *account.Client, companyName string) clientView {
	return clientView{
		ID: c.ID, CoachID: c.CoachID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
		DateAdded: c.DateAdded, IsActive: c.IsActive, IsFreebie: c.IsFreebie,
		HomePhone: c.HomePhone, WorkPhone: c.WorkPhone, CellPhone: c.CellPhone,
		ProfileExtra: c.ProfileExtra, IsRegistered: c.IsRegistered,
		Address1: c.Address1, City: c.City, State: c.State, ZIP: c.ZIP, Country: c.Country,
		LoginCount: c.LoginCount, LastLoginDate: c.LastLoginDate,
		CompanyID: c.CompanyID, CompanyName: companyName,
	}
}

// profileView is a coach's public profile (4.3).
type profileView struct {
	BusinessName         string `json:"businessName"`
	Biography            string `json:"biography"`
	Credentials          string `json:"credentials"`
	Specialty            string `json:"specialty"`
	Website              string `json:"website"`
	ProfileExtra         string `json:"profileExtra"`
	ProfileShow          bool   `json:"profileShow"`
	ProfileShowEmail     bool   `json:"profileShowEmail"`
	ProfileShowHomePhone bool   `json:"profileShowHomePhone"`
	ProfileShowWorkPhone bool   `json:"profileShowWorkPhone"`
	ProfileShowCellPhone bool   `json:"profileShowCellPhone"`
	ProfileShowAddress   bool   `json:"profileShowAddress"`
}

// coachView is a Coach object (4.3); AvatarURL is nil for Coach.get (4.4).
type coachView struct {
	ID            int              `json:"ID"`
	FirstName     string           `json:"firstName"`
	LastName      string           `json:"lastName"`
	Email         string           `json:"email"`
	DateAdded     account.DateTime `json:"dateAdded"`
	IsActive      bool             `json:"isActive"`
	HomePhone     string           `json:"homePhone"`
	WorkPhone     string           `json:"workPhone"`
	CellPhone     string           `json:"cellPhone"`
	IsRegistered  bool             `json:"isRegistered"`
	Address1      string           `json:"address1"`
	City          string           `json:"city"`
	State         string           `json:"state"`
	ZIP           string           `json:"ZIP"`
	AvatarURL     *string          `json:"avatarURL,omitempty"`
	LoginCount    int              `json:"loginCount"`
	LastLoginDate account.DateTime `json:"lastLoginDate"`
	Profile       profileView      `json:"profile"`
}

func encodeCoach(c *account.Coach, withAvatar bool) coachView {
	p := c.Profile
	v := coachView{
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
		DateAdded: c.DateAdded, IsActive: c.IsActive,
		HomePhone: c.HomePhone, WorkPhone: c.WorkPhone, CellPhone: c.CellPhone,
		IsRegistered: c.IsRegistered, Address1: c.Address1, City: c.City, State: c.State, ZIP: c.ZIP,
		LoginCount: c.LoginCount, LastLoginDate: c.LastLoginDate,
		Profile: profileView{
			BusinessName: p.BusinessName, Biography: p.Biography, Credentials: p.Credentials,
			Specialty: p.Specialty, Website: p.Website, ProfileExtra: p.ProfileExtra,
			ProfileShow: p.ProfileShow, ProfileShowEmail: p.ProfileShowEmail,
			ProfileShowHomePhone: p.ProfileShowHomePhone, ProfileShowWorkPhone: p.ProfileShowWorkPhone,
			ProfileShowCellPhone: p.ProfileShowCellPhone, ProfileShowAddress: p.ProfileShowAddress,
		},
	}
	if withAvatar {
		u := c.AvatarURL
		v.AvatarURL = &u
	}
	return v
}

// companyView is a Company object (4.5).
type companyView struct {
	ID        int              `json:"ID"`
	Name      string           `json:"name"`
	DateAdded account.DateTime `json:"dateAdded"`
	IsActive  bool             `json:"isActive"`
	Address1  string           `json:"address1"`
	City      string           `json:"city"`
	State     string           `json:"state"`
	ZIP       string           `json:"ZIP"`
	Country   string           `json:"country"`
}

func encodeCompany(c *account.Company) companyView {
	return companyView{ID: c.ID, Name: c.Name, DateAdded: c.DateAdded, IsActive: c.IsActive,
		Address1: c.Address1, City: c.City, State: c.State, ZIP: c.ZIP, Country: c.Country}
}

// coachPairingView is an element of Pairing.getForClient (4.8).
type coachPairingView struct {
	CoachID   int              `json:"CoachID"`
	CoachName string           `json:"coachName"`
	DateAdded account.DateTime `json:"dateAdded"`
	Type      string           `json:"type"`
}

// clientPairingView is an element of Pairing.getForCoach (4.7).
type clientPairingView struct {
	ClientID   int              `json:"ClientID"`
	ClientName string           `json:"clientName"`
	DateAdded  account.DateTime `json:"dateAdded"`
	Type       string           `json:"type"`
}

// pairingPeriodView is an element of Pairing.getHistory (4.9).
type pairingPeriodView struct {
	CoachID   int              `json:"CoachID"`
	ClientID  int              `json:"ClientID"`
	Type      string           `json:"type"`
	StartDate account.DateTime `json:"startDate"`
	EndDate   account.DateTime `json:"endDate"`
}

// reminderView is a reminder object (3.1).
type reminderView struct {
	ID              int              `json:"ID"`
	SendTo          string           `json:"sendTo"`
	SendMethod      string           `json:"sendMethod"`
	RelativeMinutes int              `json:"relativeMinutes"`
	DateToSend      account.DateTime `json:"dateToSend"`
	IsSent          bool             `json:"isSent"`
	DateSent        account.DateTime `json:"dateSent"`
}

func encodeReminders(rs []*account.Reminder) []reminderView {
	out := make([]reminderView, len(rs))
	for i, r := range rs {
		out[i] = reminderView{ID: r.ID, SendTo: r.SendTo, SendMethod: r.SendMethod,
			RelativeMinutes: r.RelativeMinutes, DateToSend: r.DateToSend, IsSent: r.IsSent, DateSent: r.DateSent}
	}
	return out
}

// actionView is an Action object (4.10).
type actionView struct {
	ID              int              `json:"ID"`
	ClientID        int              `json:"ClientID"`
	CoachID         int              `json:"CoachID"`
	ActionProjectID int              `json:"ActionProjectID"`
	ProjectName     string           `json:"projectName"`
	Action          string           `json:"action"`
	ForWho          string           `json:"forWho"`
	DateDue         account.DateTime `json:"dateDue"`
	DateDone        account.DateTime `json:"dateDone"`
	IsDone          bool             `json:"isDone"`
	IsCanceled      bool             `json:"isCanceled"`
	ReminderSet     []reminderView   `json:"reminderSet"`
}

func encodeAction(a *account.Action, projectName string) actionView {
	return actionView{ID: a.ID, ClientID: a.ClientID, CoachID: a.CoachID, ActionProjectID: a.ActionProjectID,
		ProjectName: projectName, Action: a.Action, ForWho: a.ForWho, DateDue: a.DateDue, DateDone: a.DateDone,
		IsDone: a.IsDone, IsCanceled: a.IsCanceled, ReminderSet: encodeReminders(a.Reminders)}
}

// dataPointView is a metric data point (3.5).
type dataPointView struct {
	DateOf  account.Date  `json:"dateOf"`
	Value   account.Fixed `json:"value"`
	Comment string        `json:"comment"`
}

// metricView is a Metric object (4.11); DataSet is nil (omitted) without includeData.
type metricView struct {
	ID          int              `json:"ID"`
	Name        string           `json:"name"`
	Units       string           `json:"units"`
	TotalWeight int              `json:"totalWeight"`
	StartDate   account.Date     `json:"startDate"`
	EndDate     account.Date     `json:"endDate"`
	TargetMode  string           `json:"targetMode"`
	TargetStart *account.Fixed   `json:"targetStart"`
	TargetEnd   *account.Fixed   `json:"targetEnd"`
	DataMode    string           `json:"dataMode"`
	RepeatRule  string           `json:"repeatRule"`
	DataSet     *[]dataPointView `json:"dataSet,omitempty"`
}

func encodeMetric(m *account.Metric, withData bool) metricView {
	v := metricView{ID: m.ID, Name: m.Name, Units: m.Units, TotalWeight: m.TotalWeight,
		StartDate: m.StartDate, EndDate: m.EndDate, TargetMode: m.TargetMode,
		TargetStart: m.TargetStart, TargetEnd: m.TargetEnd, DataMode: m.DataMode, RepeatRule: m.RepeatRule}
	if withData {
		ds := make([]dataPointView, len(m.Data))
		for i, d := range m.Data {
			ds[i] = dataPointView{DateOf: d.DateOf, Value: d.Value, Comment: d.Comment}
		}
		v.DataSet = &ds
	}
	return v
}

// appointmentTypeView is an element of Appointment.getTypes (4.12 proposal).
type appointmentTypeView struct {
	ID          int    `json:"ID"`
	CoachID     int    `json:"CoachID"`
	Name        string `json:"name"`
	Duration    int    `json:"duration"`
	Location    string `json:"location"`
	Description string `json:"description"`
}

func encodeAppointmentType(t *account.AppointmentType) appointmentTypeView {
	return appointmentTypeView{ID: t.ID, CoachID: t.CoachID, Name: t.Name, Duration: t.Duration,
		Location: t.Location, Description: t.Description}
}

// appointmentView is an Appointment object (4.13): the label is emitted as
// both what and name (section 7 #17).
type appointmentView struct {
	ID                 int              `json:"ID"`
	CoachID            int              `json:"CoachID"`
	ClientID           int              `json:"ClientID"`
	EngagementID       int              `json:"EngagementID"`
	What               string           `json:"what"`
	Name               string           `json:"name"`
	StartDate          account.DateTime `json:"startDate"`
	EndDate            account.DateTime `json:"endDate"`
	Status             string           `json:"status"`
	DateAdded          account.DateTime `json:"dateAdded"`
	DateCanceled       account.DateTime `json:"dateCanceled"`
	Location           string           `json:"location"`
	Description        string           `json:"description"`
	CountsInEngagement int              `json:"countsInEngagement"`
	ReminderSet        []reminderView   `json:"reminderSet"`
}

func encodeAppointment(a *account.Appointment) appointmentView {
	return appointmentView{ID: a.ID, CoachID: a.CoachID, ClientID: a.ClientID, EngagementID: a.EngagementID,
		What: a.Name, Name: a.Name, StartDate: a.StartDate, EndDate: a.EndDate, Status: a.Status,
		DateAdded: a.DateAdded, DateCanceled: a.DateCanceled, Location: a.Location, Description: a.Description,
		CountsInEngagement: a.CountsInEngagement, ReminderSet: encodeReminders(a.Reminders)}
}

// engagementAppointmentView is an element of an engagement's AppointmentSet (4.20).
type engagementAppointmentView struct {
	ID                 int              `json:"ID"`
	CoachID            int              `json:"CoachID"`
	ClientID           int              `json:"ClientID"`
	What               string           `json:"what"`
	Name               string           `json:"name"`
	StartDate          account.DateTime `json:"startDate"`
	EndDate            account.DateTime `json:"endDate"`
	Status             string           `json:"status"`
	DateAdded          account.DateTime `json:"dateAdded"`
	DateCanceled       account.DateTime `json:"dateCanceled"`
	CountsInEngagement int              `json:"countsInEngagement"`
}

// answerView is a form answer (3.4).
type answerView struct {
	Name        string         `json:"name"`
	Value       string         `json:"value"`
	NumberValue *account.Fixed `json:"numberValue"`
}

func encodeAnswers(as []*account.Answer) []answerView {
	out := make([]answerView, len(as))
	for i, a := range as {
		out[i] = answerView{Name: a.Name, Value: a.Value, NumberValue: a.NumberValue}
	}
	return out
}

// sessionView is a Session object (4.14).
type sessionView struct {
	ID        int              `json:"ID"`
	CoachID   int              `json:"CoachID"`
	ClientID  int              `json:"ClientID"`
	DateOf    account.DateTime `json:"dateOf"`
	Title     string           `json:"title"`
	Content   string           `json:"content"`
	IsDraft   bool             `json:"isDraft"`
	AnswerSet []answerView     `json:"answerSet"`
	DateAdded account.DateTime `json:"dateAdded"`
	DateDone  account.DateTime `json:"dateDone"`
}

func encodeSession(s *account.Session) sessionView {
	return sessionView{ID: s.ID, CoachID: s.CoachID, ClientID: s.ClientID, DateOf: s.DateOf, Title: s.Title,
		Content: s.Content, IsDraft: s.IsDraft, AnswerSet: encodeAnswers(s.Answers),
		DateAdded: s.DateAdded, DateDone: s.DateDone}
}

// worksheetView is a Worksheet object (4.15); Content is nil (omitted)
// without includeContent.
type worksheetView struct {
	ID           int              `json:"ID"`
	CoachID      int              `json:"CoachID"`
	ClientID     int              `json:"ClientID"`
	Title        string           `json:"title"`
	Content      *string          `json:"content,omitempty"`
	DateAssigned account.DateTime `json:"dateAssigned"`
	DateDue      account.DateTime `json:"dateDue"`
	DateDone     account.DateTime `json:"dateDone"`
	IsDone       bool             `json:"isDone"`
	AnswerSet    []answerView     `json:"answerSet"`
	ReminderSet  []reminderView   `json:"reminderSet"`
}

func encodeWorksheet(w *account.Worksheet, withContent bool) worksheetView {
	v := worksheetView{ID: w.ID, CoachID: w.CoachID, ClientID: w.ClientID, Title: w.Title,
		DateAssigned: w.DateAssigned, DateDue: w.DateDue, DateDone: w.DateDone, IsDone: w.IsDone,
		AnswerSet: encodeAnswers(w.Answers), ReminderSet: encodeReminders(w.Reminders)}
	if withContent {
		c := w.Content
		v.Content = &c
	}
	return v
}

// lineItemView is an invoice line item (3.2).
type lineItemView struct {
	Item   string        `json:"item"`
	Amount account.Cents `json:"amount"`
}

// paymentInInvoiceView is an element of an invoice's paymentSet (3.3): no ID.
type paymentInInvoiceView struct {
	DatePaid    account.DateTime `json:"datePaid"`
	Amount      account.Cents    `json:"amount"`
	Method      string           `json:"method"`
	CheckNumber string           `json:"checkNumber"`
}

// invoiceView is an Invoice object (4.16).
type invoiceView struct {
	ID            int                    `json:"ID"`
	InvoiceNumber string                 `json:"invoiceNumber"`
	DateAdded     account.DateTime       `json:"dateAdded"`
	DateOf        account.Date           `json:"dateOf"`
	DateDue       account.Date           `json:"dateDue"`
	Currency      string                 `json:"currency"`
	Amount        account.Cents          `json:"amount"`
	AmountPaid    account.Cents          `json:"amountPaid"`
	TaxRate       account.Fixed          `json:"taxRate"`
	ClientID      int                    `json:"ClientID"`
	FirstName     string                 `json:"firstName"`
	LastName      string                 `json:"lastName"`
	Email         string                 `json:"email"`
	CompanyID     int                    `json:"CompanyID"`
	CompanyName   string                 `json:"companyName"`
	LineItemSet   []lineItemView         `json:"lineItemSet"`
	PaymentSet    []paymentInInvoiceView `json:"paymentSet"`
}

// encodeInvoice needs the invoiced client (nil for a company invoice) and
// the company's name ("" when none).
func encodeInvoice(inv *account.Invoice, cl *account.Client, companyName string) invoiceView {
	v := invoiceView{ID: inv.ID, InvoiceNumber: inv.Number, DateAdded: inv.DateAdded, DateOf: inv.DateOf,
		DateDue: inv.DateDue, Currency: inv.Currency, Amount: inv.Amount(), AmountPaid: inv.AmountPaid(),
		TaxRate: inv.TaxRate, ClientID: inv.ClientID, CompanyID: inv.CompanyID, CompanyName: companyName,
		LineItemSet: make([]lineItemView, len(inv.LineItems)), PaymentSet: make([]paymentInInvoiceView, len(inv.Payments))}
	if cl != nil {
		v.FirstName, v.LastName, v.Email = cl.FirstName, cl.LastName, cl.Email
	}
	for i, li := range inv.LineItems {
		v.LineItemSet[i] = lineItemView{Item: li.Item, Amount: li.Amount}
	}
	for i, p := range inv.Payments {
		v.PaymentSet[i] = paymentInInvoiceView{DatePaid: p.DatePaid, Amount: p.Amount, Method: p.Method, CheckNumber: p.CheckNumber}
	}
	return v
}

// paymentView is an element of Invoice.getPayments (4.18); datePaid is a date there.
type paymentView struct {
	ID            int           `json:"ID"`
	InvoiceID     int           `json:"InvoiceID"`
	InvoiceNumber string        `json:"invoiceNumber"`
	DatePaid      account.Date  `json:"datePaid"`
	Amount        account.Cents `json:"amount"`
	Currency      string        `json:"currency"`
	Method        string        `json:"method"`
	CheckNumber   string        `json:"checkNumber"`
}

func encodePayment(inv *account.Invoice, p *account.Payment) paymentView {
	return paymentView{ID: p.ID, InvoiceID: inv.ID, InvoiceNumber: inv.Number, DatePaid: p.DatePaid.Date(),
		Amount: p.Amount, Currency: inv.Currency, Method: p.Method, CheckNumber: p.CheckNumber}
}

// templateView is an element of Engagement.getTemplates (4.19).
type templateView struct {
	ID              int    `json:"ID"`
	Name            string `json:"name"`
	ManagingCoachID int    `json:"managingCoachID"`
	Duration        int    `json:"duration"`
	AllocationUnit  string `json:"allocationUnit"`
	Allocation      int    `json:"allocation"`
}

func encodeTemplate(t *account.EngagementTemplate) templateView {
	return templateView{ID: t.ID, Name: t.Name, ManagingCoachID: t.ManagingCoachID, Duration: t.Duration,
		AllocationUnit: t.AllocationUnit, Allocation: t.Allocation}
}

// engagementView is an Engagement object (4.20); AppointmentSet is nil
// (omitted) without includeAppointments.
type engagementView struct {
	ID                  int                          `json:"ID"`
	Type                string                       `json:"type"`
	ClientID            int                          `json:"ClientID"`
	CompanyID           int                          `json:"CompanyID"`
	CoachID             int                          `json:"CoachID"`
	WithName            string                       `json:"withName"`
	Name                string                       `json:"name"`
	StartDate           account.Date                 `json:"startDate"`
	EndDate             account.Date                 `json:"endDate"`
	AllocationUnits     string                       `json:"allocationUnits"`
	Allocation          int                          `json:"allocation"`
	AllocationUsedP     int                          `json:"allocationUsedP"`
	AllocationUsedA     int                          `json:"allocationUsedA"`
	AllocationUsedV     int                          `json:"allocationUsedV"`
	AllocationPerClient int                          `json:"allocationPerClient"`
	NextInvoiceDate     account.Date                 `json:"nextInvoiceDate"`
	IsComplete          bool                         `json:"isComplete"`
	IsCanceled          bool                         `json:"isCanceled"`
	DateClosed          account.DateTime             `json:"dateClosed"`
	DateAdded           account.DateTime             `json:"dateAdded"`
	AppointmentSet      *[]engagementAppointmentView `json:"AppointmentSet,omitempty"`
}

// encodeEngagement computes the allocation used from the engagement's
// appointments (4.20 proposals) as of now; appts are those linked to e.
func encodeEngagement(e *account.Engagement, withName string, appts []*account.Appointment, now account.DateTime, withAppointments bool) engagementView {
	v := engagementView{ID: e.ID, Type: e.Type, ClientID: e.ClientID, CompanyID: e.CompanyID, CoachID: e.CoachID,
		WithName: withName, Name: e.Name, StartDate: e.StartDate, EndDate: e.EndDate,
		AllocationUnits: e.AllocationUnits, Allocation: e.Allocation, AllocationPerClient: e.AllocationPerClient,
		NextInvoiceDate: e.NextInvoiceDate, IsComplete: e.IsComplete, IsCanceled: e.IsCanceled,
		DateClosed: e.DateClosed, DateAdded: e.DateAdded}
	if v.AllocationPerClient == 0 && e.Type != "company" {
		v.AllocationPerClient = e.Allocation
	}
	var countP, countA, secP, secA int64
	for _, a := range appts {
		if a.Status != "A" || a.CountsInEngagement == -1 {
			continue
		}
		d := int64(a.EndDate - a.StartDate)
		countA++
		secA += d
		if a.StartDate <= now {
			countP++
			secP += d
		}
	}
	if e.AllocationUnits == "H" {
		v.AllocationUsedP, v.AllocationUsedA = int(secP/3600), int(secA/3600)
	} else {
		v.AllocationUsedP, v.AllocationUsedA = int(countP), int(countA)
	}
	if withAppointments {
		set := make([]engagementAppointmentView, len(appts))
		for i, a := range appts {
			set[i] = engagementAppointmentView{ID: a.ID, CoachID: a.CoachID, ClientID: a.ClientID, What: a.Name,
				Name: a.Name, StartDate: a.StartDate, EndDate: a.EndDate, Status: a.Status, DateAdded: a.DateAdded,
				DateCanceled: a.DateCanceled, CountsInEngagement: a.CountsInEngagement}
		}
		v.AppointmentSet = &set
	}
	return v
}

// meView is Account.me (4.26).
type meView struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Email     string `json:"email"`
	Username  string `json:"username"`
}

// groupView is an element of Group.getAll (4.23).
type groupView struct {
	ID      int    `json:"ID"`
	CoachID int    `json:"CoachID"`
	Name    string `json:"name"`
	Type    string `json:"type"`
}

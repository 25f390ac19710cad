// Package account holds the state of one emulated CoachAccountable account:
// the records the sandbox serves and changes, and the JSON format of account
// files (samples/*.json, `careport sandbox --account`, `--state`).
//
// Dates and times are wall-clock values in the account's Timezone (see Date
// and DateTime); money is Cents in the currency of its invoice; metric
// values, tax rates and numeric answers are Fixed. The package is a leaf: it
// knows nothing of HTTP or of the wire format, which fetch/sandbox encodes.
//
// An Account is not safe for concurrent use; the sandbox guards it with a lock.
package account

// Account is one CoachAccountable account (a Team Edition account).
type Account struct {
	// Name describes the account, e.g. "Sample coaching practice (small)".
	Name string `json:"name"`
	// Timezone is the IANA name echoed in every successful envelope; all
	// dates and times of the account are wall-clock values in it.
	Timezone string `json:"timezone"`
	// Currency is the primary currency (ISO 4217), the Invoice.add default.
	Currency string `json:"currency"`
	// Currencies are the codes Invoice.add accepts; others fall back to Currency.
	Currencies []string `json:"currencies"`
	// AsOf is the day a generated account's history ends ("today" for the
	// sample); zero for an account without a fixed end.
	AsOf Date `json:"asOf"`
	// OwnerCoachID is the coach who owns the account (default primary coach
	// of Client.add; cannot be deactivated, 414).
	OwnerCoachID int `json:"ownerCoachID"`
	// PaymentTermDays is the default dateDue offset of Invoice.add (14).
	PaymentTermDays int `json:"paymentTermDays"`
	// MaxActiveClients is the plan's limit of active clients; 0 means unlimited.
	MaxActiveClients int `json:"maxActiveClients,omitempty"`

	Coaches             []*Coach              `json:"coaches"`
	Companies           []*Company            `json:"companies"`
	Clients             []*Client             `json:"clients"`
	Pairings            []*Pairing            `json:"pairings"`
	Groups              []*Group              `json:"groups"`
	ActionProjects      []*ActionProject      `json:"actionProjects"`
	Actions             []*Action             `json:"actions"`
	Metrics             []*Metric             `json:"metrics"`
	AppointmentTypes    []*AppointmentType    `json:"appointmentTypes"`
	Appointments        []*Appointment        `json:"appointments"`
	Sessions            []*Session            `json:"sessions"`
	Worksheets          []*Worksheet          `json:"worksheets"`
	EngagementTemplates []*EngagementTemplate `json:"engagementTemplates"`
	Engagements         []*Engagement         `json:"engagements"`
	Invoices            []*Invoice            `json:"invoices"`
	// Activities are the items no API function lists but activity stats
	// count: journal entries (J), files shared (F) and comments (C).
	Activities []*Activity `json:"activities"`
}

// Coach is a coach or administrator of the account.
type Coach struct {
	ID            int      `json:"ID"`
	FirstName     string   `json:"firstName"`
	LastName      string   `json:"lastName"`
	Email         string   `json:"email"`
	HomePhone     string   `json:"homePhone"`
	WorkPhone     string   `json:"workPhone"`
	CellPhone     string   `json:"cellPhone"`
	Gender        string   `json:"gender"` // M, F, U
	Timezone      string   `json:"timezone"`
	DateAdded     DateTime `json:"dateAdded"`
	IsActive      bool     `json:"isActive"`
	IsRegistered  bool     `json:"isRegistered"`
	Address1      string   `json:"address1"`
	City          string   `json:"city"`
	State         string   `json:"state"`
	ZIP           string   `json:"ZIP"`
	AvatarURL     string   `json:"avatarURL"`
	LoginCount    int      `json:"loginCount"`
	LastLoginDate DateTime `json:"lastLoginDate"`
	// IsCoaching is false for an administrative-only coach (313).
	IsCoaching bool `json:"isCoaching"`
	// Permissions are the app permissions granted (not exposed by any read
	// function), e.g. "billing", "reports", "allClients".
	Permissions []string     `json:"permissions"`
	Profile     CoachProfile `json:"profile"`
}

// CoachProfile is a coach's public profile.
type CoachProfile struct {
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

// Company is an organisation clients can belong to and that can be invoiced.
type Company struct {
	ID        int      `json:"ID"`
	Name      string   `json:"name"`
	DateAdded DateTime `json:"dateAdded"`
	IsActive  bool     `json:"isActive"`
	Address1  string   `json:"address1"`
	City      string   `json:"city"`
	State     string   `json:"state"`
	ZIP       string   `json:"ZIP"`
	Country   string   `json:"country"`
}

// Client is a coaching client.
type Client struct {
	ID int `json:"ID"`
	// CoachID is the primary coach; it always equals the CoachID of the
	// client's current pairing of type P.
	CoachID                 int      `json:"CoachID"`
	FirstName               string   `json:"firstName"`
	LastName                string   `json:"lastName"`
	Email                   string   `json:"email"`
	Gender                  string   `json:"gender"`
	Timezone                string   `json:"timezone"`
	DateAdded               DateTime `json:"dateAdded"`
	IsActive                bool     `json:"isActive"`
	IsFreebie               bool     `json:"isFreebie"`
	HomePhone               string   `json:"homePhone"`
	WorkPhone               string   `json:"workPhone"`
	CellPhone               string   `json:"cellPhone"`
	ProfileExtra            string   `json:"profileExtra"`
	IsRegistered            bool     `json:"isRegistered"`
	Address1                string   `json:"address1"`
	City                    string   `json:"city"`
	State                   string   `json:"state"`
	ZIP                     string   `json:"ZIP"`
	Country                 string   `json:"country"`
	LoginCount              int      `json:"loginCount"`
	LastLoginDate           DateTime `json:"lastLoginDate"`
	CompanyID               int      `json:"CompanyID"` // 0 when none
	AppointmentScheduleRule string   `json:"appointmentScheduleRule"`
	MayAccessWhenInactive   bool     `json:"mayAccessWhenInactive"`
	// OwnsDetails marks a registered client who manages their own details:
	// Client.update refuses them with 405.
	OwnsDetails bool `json:"ownsDetails,omitempty"`
}

// Pairing is one period of access of a coach to a client. The current
// pairings are those with a zero EndDate; a change of type ends one period
// and starts another.
type Pairing struct {
	CoachID   int      `json:"CoachID"`
	ClientID  int      `json:"ClientID"`
	Type      string   `json:"type"` // R read-only, C coaching, P primary
	StartDate DateTime `json:"startDate"`
	EndDate   DateTime `json:"endDate"`
}

// Group is a group of clients (used by the GroupID filter of activity stats).
type Group struct {
	ID        int    `json:"ID"`
	CoachID   int    `json:"CoachID"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	ClientIDs []int  `json:"clientIDs"`
}

// ActionProject is a named project of one client's actions.
type ActionProject struct {
	ID       int    `json:"ID"`
	ClientID int    `json:"ClientID"`
	Name     string `json:"name"`
}

// Reminder is a scheduled reminder of an action, appointment or worksheet.
type Reminder struct {
	ID              int      `json:"ID"`
	SendTo          string   `json:"sendTo"`     // C or L
	SendMethod      string   `json:"sendMethod"` // E or T
	RelativeMinutes int      `json:"relativeMinutes"`
	DateToSend      DateTime `json:"dateToSend"`
	IsSent          bool     `json:"isSent"`
	DateSent        DateTime `json:"dateSent"`
}

// Action is a to-do assigned to a client (or, forWho C, to the coach).
type Action struct {
	ID              int         `json:"ID"`
	ClientID        int         `json:"ClientID"`
	CoachID         int         `json:"CoachID"` // assigning coach
	ActionProjectID int         `json:"ActionProjectID"`
	Action          string      `json:"action"`
	Comment         string      `json:"comment"`
	ForWho          string      `json:"forWho"` // C or L
	DateDue         DateTime    `json:"dateDue"`
	DateDone        DateTime    `json:"dateDone"`
	IsDone          bool        `json:"isDone"`
	IsCanceled      bool        `json:"isCanceled"`
	Weight          int         `json:"weight"`
	IsLocked        bool        `json:"isLocked"`
	Reminders       []*Reminder `json:"reminderSet"`
}

// Metric is a number a client tracks.
type Metric struct {
	ID          int    `json:"ID"`
	ClientID    int    `json:"ClientID"`
	Name        string `json:"name"`
	Units       string `json:"units"`
	TotalWeight int    `json:"totalWeight"`
	StartDate   Date   `json:"startDate"`
	EndDate     Date   `json:"endDate"`
	TargetMode  string `json:"targetMode"` // H or L
	// TargetStart and TargetEnd are nil when the metric has no target.
	TargetStart *Fixed `json:"targetStart"`
	TargetEnd   *Fixed `json:"targetEnd"`
	DataMode    string `json:"dataMode"` // R or C
	RepeatRule  string `json:"repeatRule"`
	IsComplete  bool   `json:"isComplete"`
	// InGroup marks a metric of a Group or Course (430 on edits).
	InGroup bool         `json:"inGroup,omitempty"`
	Data    []*DataPoint `json:"dataSet"` // oldest first, one per day
}

// DataPoint is one value of a metric.
type DataPoint struct {
	ID      int    `json:"ID"`
	DateOf  Date   `json:"dateOf"`
	Value   Fixed  `json:"value"`
	Comment string `json:"comment"`
}

// AppointmentType is a bookable kind of session of a coach.
type AppointmentType struct {
	ID          int    `json:"ID"`
	CoachID     int    `json:"CoachID"`
	Name        string `json:"name"`
	Duration    int    `json:"duration"` // minutes
	Location    string `json:"location"`
	Description string `json:"description"`
	// DefaultReminders is a reminderSet string used for reminderSet=default.
	DefaultReminders string `json:"defaultReminders"`
}

// Appointment is a booked session between a coach and a client.
type Appointment struct {
	ID                 int         `json:"ID"`
	CoachID            int         `json:"CoachID"`
	ClientID           int         `json:"ClientID"`
	AppointmentTypeID  int         `json:"AppointmentTypeID"`
	EngagementID       int         `json:"EngagementID"` // 0 when none
	Name               string      `json:"name"`
	StartDate          DateTime    `json:"startDate"`
	EndDate            DateTime    `json:"endDate"`
	Status             string      `json:"status"` // A, C, P, D
	DateAdded          DateTime    `json:"dateAdded"`
	DateCanceled       DateTime    `json:"dateCanceled"`
	Location           string      `json:"location"`
	Description        string      `json:"description"`
	CountsInEngagement int         `json:"countsInEngagement"` // 1, -1, 0
	Reminders          []*Reminder `json:"reminderSet"`
}

// Answer is one input of a form (session notes or worksheets).
type Answer struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// NumberValue is nil when the answer has no numeric value.
	NumberValue *Fixed `json:"numberValue"`
}

// Session is a coach's notes of a session.
type Session struct {
	ID          int       `json:"ID"`
	CoachID     int       `json:"CoachID"`
	ClientID    int       `json:"ClientID"`
	DateOf      DateTime  `json:"dateOf"`
	Title       string    `json:"title"`
	Content     string    `json:"content"`
	IsDraft     bool      `json:"isDraft"`
	Visibility  string    `json:"visibility"` // *, C, P
	KeyInsights []string  `json:"keyInsights"`
	Answers     []*Answer `json:"answerSet"`
	DateAdded   DateTime  `json:"dateAdded"`
	DateDone    DateTime  `json:"dateDone"`
}

// Worksheet is an assignment (often a form) a client fills in.
type Worksheet struct {
	ID           int         `json:"ID"`
	CoachID      int         `json:"CoachID"`
	ClientID     int         `json:"ClientID"`
	Title        string      `json:"title"`
	Content      string      `json:"content"`
	DateAssigned DateTime    `json:"dateAssigned"`
	DateDue      DateTime    `json:"dateDue"`
	DateDone     DateTime    `json:"dateDone"`
	IsDone       bool        `json:"isDone"`
	Answers      []*Answer   `json:"answerSet"`
	Reminders    []*Reminder `json:"reminderSet"`
}

// EngagementTemplate is a package such as "3 months, 12 sessions".
type EngagementTemplate struct {
	ID              int    `json:"ID"`
	Name            string `json:"name"`
	ManagingCoachID int    `json:"managingCoachID"`
	Duration        int    `json:"duration"`       // months; 0 = indefinite
	AllocationUnit  string `json:"allocationUnit"` // A or H
	Allocation      int    `json:"allocation"`
}

// Engagement is a client's (or company's) enrolment in a package.
type Engagement struct {
	ID                  int      `json:"ID"`
	Type                string   `json:"type"` // client or company
	ClientID            int      `json:"ClientID"`
	CompanyID           int      `json:"CompanyID"`
	CoachID             int      `json:"CoachID"` // managing coach
	TemplateID          int      `json:"EngagementTemplateID"`
	Name                string   `json:"name"`
	StartDate           Date     `json:"startDate"`
	EndDate             Date     `json:"endDate"` // zero = indefinite
	AllocationUnits     string   `json:"allocationUnits"`
	Allocation          int      `json:"allocation"`
	AllocationPerClient int      `json:"allocationPerClient"`
	NextInvoiceDate     Date     `json:"nextInvoiceDate"`
	IsComplete          bool     `json:"isComplete"`
	IsCanceled          bool     `json:"isCanceled"`
	DateClosed          DateTime `json:"dateClosed"`
	DateAdded           DateTime `json:"dateAdded"`
}

// Invoice is a bill to a client or a company. Its total is not stored: see
// Subtotal and Amount.
type Invoice struct {
	ID        int         `json:"ID"`
	Number    string      `json:"invoiceNumber"`
	DateAdded DateTime    `json:"dateAdded"`
	DateOf    Date        `json:"dateOf"`
	DateDue   Date        `json:"dateDue"`
	Currency  string      `json:"currency"`
	TaxRate   Fixed       `json:"taxRate"` // percent, e.g. 7.5
	ClientID  int         `json:"ClientID"`
	CompanyID int         `json:"CompanyID"`
	LineItems []*LineItem `json:"lineItemSet"`
	Payments  []*Payment  `json:"paymentSet"`
}

// LineItem is one priced line of an invoice; Amount may be negative (discount).
type LineItem struct {
	Item   string `json:"item"`
	Amount Cents  `json:"amount"`
}

// Payment is one payment against an invoice.
type Payment struct {
	ID          int      `json:"ID"`
	DatePaid    DateTime `json:"datePaid"`
	Amount      Cents    `json:"amount"`
	Method      string   `json:"method"` // Cash, Check, Credit Card, Bank Transfer, Other
	CheckNumber string   `json:"checkNumber"`
}

// Activity is a journal entry (J), a shared file (F) or a comment (C).
type Activity struct {
	ClientID int      `json:"ClientID"`
	Kind     string   `json:"kind"`
	Date     DateTime `json:"date"`
}

// Subtotal is the sum of the invoice's line items.
func (inv *Invoice) Subtotal() Cents {
	var s Cents
	for _, li := range inv.LineItems {
		s += li.Amount
	}
	return s
}

// Tax is TaxRate percent of the subtotal, rounded half-up (away from zero) to cents.
func (inv *Invoice) Tax() Cents {
	// subtotal cents x rate (x10^4 percent) / 10^6 = cents
	num := int64(inv.Subtotal()) * int64(inv.TaxRate)
	const den = 100 * FixedScale
	q, r := num/den, num%den
	if r < 0 {
		r = -r
	}
	if 2*r >= den {
		if num < 0 {
			q--
		} else {
			q++
		}
	}
	return Cents(q)
}

// Amount is the invoice total: subtotal plus tax (4.16 emulator proposal).
func (inv *Invoice) Amount() Cents { return inv.Subtotal() + inv.Tax() }

// AmountPaid is the sum of the invoice's payments (may exceed Amount).
func (inv *Invoice) AmountPaid() Cents {
	var s Cents
	for _, p := range inv.Payments {
		s += p.Amount
	}
	return s
}
